import type { Credentials, CredentialsHint } from "../domain/model-config.js";
import { SecretBox } from "./secret-box.js";

/** Seals and opens a deployment's credentials; what the domain sees of encryption. */
export class CredentialVault {
  readonly #box: SecretBox;

  constructor(keyBase64: string, previousKeysBase64: readonly string[] = []) {
    this.#box = new SecretBox(keyBase64, previousKeysBase64);
  }

  seal(credentials: Credentials | null, modelId: string, deploymentId: string): string | null {
    if (!credentials || isEmpty(credentials)) return null;
    return this.#box.seal(JSON.stringify(credentials), [modelId, deploymentId]);
  }

  open(sealed: string | null, modelId: string, deploymentId: string): Credentials | null {
    if (sealed === null) return null;
    return JSON.parse(this.#box.open(sealed, [modelId, deploymentId])) as Credentials;
  }

  /** The value sealed again under the current key and format, or undefined when it already is. */
  reseal(sealed: string, modelId: string, deploymentId: string): string | undefined {
    if (!this.#box.isStale(sealed)) return undefined;
    return this.#box.seal(this.#box.open(sealed, [modelId, deploymentId]), [modelId, deploymentId]);
  }
}

function isEmpty(credentials: Credentials): boolean {
  return !credentials.apiKey && !credentials.secretKey && Object.keys(credentials.headers ?? {}).length === 0;
}

export function hintOf(credentials: Credentials | null): CredentialsHint {
  const apiKey = credentials?.apiKey ?? "";
  return {
    hasApiKey: apiKey !== "",
    apiKeyHint: apiKey.length >= 12 ? `…${apiKey.slice(-4)}` : apiKey === "" ? "" : "…",
    hasSecretKey: Boolean(credentials?.secretKey),
    headerNames: Object.keys(credentials?.headers ?? {}).sort(),
  };
}

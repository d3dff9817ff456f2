import { createHash, createHmac } from "node:crypto";

/** Names of the three headers of a signed request. */
export const SIGNATURE_HEADERS = {
  timestamp: "x-llms-timestamp",
  nonce: "x-llms-nonce",
  signature: "x-llms-signature",
} as const;

/** First line of every string to sign: names the scheme and its version. */
export const SIGNING_SCHEME = "LLMS-HMAC-SHA256";

export type RequestBody = string | Uint8Array | ArrayBuffer | null | undefined;

export interface SignedParts {
  /** HTTP method, any case (it is upper-cased). */
  method: string;
  /** The request target as sent: path plus `?query` if any, e.g. `/v1/chat/completions`. */
  path: string;
  /** Unix time in whole seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  body: RequestBody;
}

function bodyBytes(body: RequestBody): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array();
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return body instanceof ArrayBuffer ? new Uint8Array(body) : body;
}

/** Lower-case hex SHA-256 of the exact body bytes (of nothing, for a request without a body). */
export function hashBody(body: RequestBody): string {
  return createHash("sha256").update(bodyBytes(body)).digest("hex");
}

/** The string that is signed: six lines joined by `\n`, no trailing newline. */
export function stringToSign(parts: SignedParts): string {
  return [SIGNING_SCHEME, parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, hashBody(parts.body)].join("\n");
}

/** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the key's signing secret. */
export function computeSignature(signingSecret: string, parts: SignedParts): string {
  return createHmac("sha256", signingSecret).update(stringToSign(parts), "utf8").digest("hex");
}

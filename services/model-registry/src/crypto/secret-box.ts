import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const PREFIX = "v1";

/**
 * Seals secrets at rest with AES-256-GCM under the service's SECRETS_KEY. Each value gets a fresh
 * 96-bit IV; the associated data binds a ciphertext to its row (model and deployment id), so a
 * sealed value copied onto another deployment fails to open.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, "base64");
    if (key.length !== 32) throw new Error("SECRETS_KEY must be the base64 of exactly 32 bytes");
    this.#key = key;
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [PREFIX, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  open(sealed: string, associatedData: string): string {
    const [prefix, iv, tag, ciphertext] = sealed.split(".");
    if (prefix !== PREFIX || !iv || !tag || ciphertext === undefined) throw new Error("not a sealed value");
    const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  }
}

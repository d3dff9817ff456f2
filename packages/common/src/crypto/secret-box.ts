import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
// Pinned: GCM accepts shorter tags (down to 4 bytes) unless told otherwise, and a short tag is
// forgeable by trial.
const TAG_BYTES = 16;
const CURRENT = "v2";
const LEGACY = "v1";

interface BoxKey {
  id: string;
  key: Buffer;
}

/** A short public name of a key (a hash prefix), written into each value so the right key opens it. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("llm-serve secret-box key id\u0000").update(key).digest("base64url").slice(0, 11);
}

function parseKey(keyBase64: string, name: string): BoxKey {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) throw new Error(`${name} must be the base64 of exactly 32 bytes`);
  return { id: keyIdOf(key), key };
}

const encode = (part: Buffer) => part.toString("base64url");

/**
 * Seals secrets at rest with AES-256-GCM (ADR 0015). A value is `v2.<key id>.<iv>.<tag>.<ciphertext>`:
 * a fresh 96-bit IV each time, a 16-byte tag, and the id of the key that sealed it, so SECRETS_KEY
 * can be replaced while older keys still open what they sealed. The associated data binds a value
 * to its row: the context parts (e.g. model id, deployment id) JSON-encoded, so `a/b`+`c` and
 * `a`+`b/c` differ. Values of the first format (`v1`, context joined by `/`, no key id) still open.
 */
export class SecretBox {
  readonly #current: BoxKey;
  readonly #keys: ReadonlyMap<string, BoxKey>;

  constructor(currentKeyBase64: string, previousKeysBase64: readonly string[] = []) {
    this.#current = parseKey(currentKeyBase64, "SECRETS_KEY");
    const previous = previousKeysBase64.map((key) => parseKey(key, "SECRETS_KEY_PREVIOUS"));
    this.#keys = new Map([...previous, this.#current].map((key) => [key.id, key]));
  }

  seal(plaintext: string, context: readonly string[]): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(JSON.stringify(context), "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [CURRENT, this.#current.id, encode(iv), encode(cipher.getAuthTag()), encode(ciphertext)].join(".");
  }

  open(sealed: string, context: readonly string[]): string {
    const parts = sealed.split(".");
    if (parts[0] === CURRENT && parts.length === 5) {
      const [, keyId = "", iv = "", tag = "", ciphertext = ""] = parts;
      const key = this.#keys.get(keyId);
      if (!key) throw new Error(`sealed under an unknown key (${keyId}): add it to SECRETS_KEY_PREVIOUS`);
      return decrypt(key, { iv, tag, ciphertext }, JSON.stringify(context));
    }
    if (parts[0] === LEGACY && parts.length === 4) {
      const [, iv = "", tag = "", ciphertext = ""] = parts;
      return this.#openLegacy({ iv, tag, ciphertext }, context.join("/"));
    }
    throw new Error("not a sealed value");
  }

  /** Whether a value should be sealed again: an older format, or a key other than SECRETS_KEY. */
  isStale(sealed: string): boolean {
    const [format, keyId] = sealed.split(".");
    return format !== CURRENT || keyId !== this.#current.id;
  }

  /** First-format values name no key: each known key is tried (a wrong one fails authentication). */
  #openLegacy(value: SealedParts, associatedData: string): string {
    let failure: unknown;
    for (const key of [this.#current, ...[...this.#keys.values()].filter((candidate) => candidate !== this.#current)]) {
      try {
        return decrypt(key, value, associatedData);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}

interface SealedParts {
  iv: string;
  tag: string;
  ciphertext: string;
}

function decrypt(key: BoxKey, value: SealedParts, associatedData: string): string {
  const iv = Buffer.from(value.iv, "base64url");
  const tag = Buffer.from(value.tag, "base64url");
  if (iv.length !== IV_BYTES) throw new Error("sealed value has a malformed IV");
  if (tag.length !== TAG_BYTES) throw new Error(`sealed value's tag is not ${TAG_BYTES} bytes`);
  const decipher = createDecipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(value.ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

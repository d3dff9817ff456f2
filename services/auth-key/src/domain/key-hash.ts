import { createHmac } from "node:crypto";

/** The keyed hash under which a key is stored and looked up. */
export function hashKey(pepper: string, key: string): Buffer {
  return createHmac("sha256", pepper).update(key, "utf8").digest();
}

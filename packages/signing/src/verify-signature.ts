import { timingSafeEqual } from "node:crypto";
import { SIGNATURE_HEADERS, computeSignature, type RequestBody } from "./canonical-request.js";

export interface VerifySignatureInput {
  signingSecret: string;
  method: string;
  path: string;
  body: RequestBody;
  /** Header lookup, e.g. `(name) => request.header(name)`. */
  header: (name: string) => string | undefined;
  now?: Date;
  /** Accepted clock difference either way; 300 s by default. */
  toleranceSeconds?: number;
}

export type SignatureCheck =
  | { ok: true; timestamp: number; nonce: string }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * Checks the headers and the HMAC of a signed request (constant-time). It does not remember
 * nonces: the server must refuse a nonce it has seen within the tolerance window.
 */
export function verifySignature(input: VerifySignatureInput): SignatureCheck {
  const timestampText = input.header(SIGNATURE_HEADERS.timestamp);
  const nonce = input.header(SIGNATURE_HEADERS.nonce);
  const signature = input.header(SIGNATURE_HEADERS.signature);
  if (!timestampText || !nonce || !signature) return { ok: false, reason: "missing" };
  if (!TIMESTAMP.test(timestampText) || !NONCE.test(nonce) || !SIGNATURE.test(signature)) return { ok: false, reason: "malformed" };
  const timestamp = Number(timestampText);
  const nowSeconds = (input.now ?? new Date()).getTime() / 1000;
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return { ok: false, reason: "stale" };
  const expected = computeSignature(input.signingSecret, { method: input.method, path: input.path, timestamp: timestampText, nonce, body: input.body });
  const matches = timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(signature, "hex"));
  return matches ? { ok: true, timestamp, nonce } : { ok: false, reason: "mismatch" };
}

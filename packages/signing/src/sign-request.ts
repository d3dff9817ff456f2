import { randomBytes } from "node:crypto";
import { SIGNATURE_HEADERS, computeSignature, type RequestBody } from "./canonical-request.js";

export interface SignRequestInput {
  signingSecret: string;
  method: string;
  /** Path plus `?query` as it will be sent, e.g. `/v1/chat/completions`. */
  path: string;
  /** The exact bytes that will be sent (a string is sent as UTF-8). */
  body?: RequestBody;
  /** Defaults to now. */
  now?: Date;
  /** Defaults to 16 random bytes; must never repeat within the server's window. */
  nonce?: string;
}

export type SignatureHeaders = Record<(typeof SIGNATURE_HEADERS)[keyof typeof SIGNATURE_HEADERS], string>;

export function newNonce(): string {
  return randomBytes(16).toString("base64url");
}

/** The three headers to add to a request whose key requires signatures. */
export function signRequest(input: SignRequestInput): SignatureHeaders {
  const timestamp = String(Math.floor((input.now ?? new Date()).getTime() / 1000));
  const nonce = input.nonce ?? newNonce();
  const signature = computeSignature(input.signingSecret, { method: input.method, path: input.path, timestamp, nonce, body: input.body });
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

import { Readable } from "node:stream";
import type { Request } from "express";
import { AppError } from "@llm-serve/common";
import { SIGNATURE_HEADERS, verifySignature } from "@llm-serve/signing";
import type { NonceRegistry } from "./nonce-registry.js";
import type { VerifiedKey } from "./verified-key.js";

export type SignedRequest = Request & { rawBody?: Buffer };

const REASONS = {
  missing: "This API key requires signed requests: send x-llms-timestamp, x-llms-nonce and x-llms-signature.",
  malformed: "The request signature headers are malformed.",
  stale: "The request timestamp is outside the accepted window of five minutes.",
  mismatch: "The request signature does not match.",
} as const;

function refuse(message: string, openaiCode: string): AppError {
  return new AppError("unauthenticated", message, { details: { openaiCode } });
}

/**
 * Reads the body when nothing has parsed it yet (a signed non-JSON request, e.g. multipart), keeping
 * the bytes on `request.rawBody`. The stream can be read only once, so later readers that pipe the
 * request (the multipart parser) get the same bytes replayed.
 */
async function rawBodyOf(request: SignedRequest, maxBytes: number): Promise<Buffer> {
  if (request.rawBody) return request.rawBody;
  const declared = Number(request.header("content-length") ?? 0);
  if (!request.readable || (declared === 0 && !request.header("transfer-encoding"))) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new AppError("invalid_request", "Request body is larger than this gateway accepts.", { details: { reason: "payload_too_large" } });
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  request.rawBody = body;
  request.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => Readable.from([body]).pipe(destination, options)) as typeof request.pipe;
  return body;
}

/**
 * Checks a signed request: the headers, the HMAC over method, path, timestamp, nonce and body hash
 * with the key's signing secret, the ±tolerance window, and that the nonce is new. Applies when the
 * key requires signatures, and to any request that carries a signature anyway.
 */
export async function checkSignature(
  request: SignedRequest,
  key: VerifiedKey,
  deps: { nonces: NonceRegistry; toleranceSeconds: number; maxBodyBytes: () => number },
): Promise<void> {
  if (!key.requireSignature && request.header(SIGNATURE_HEADERS.signature) === undefined) return;
  const body = await rawBodyOf(request, deps.maxBodyBytes());
  const check = verifySignature({
    signingSecret: key.signingSecret,
    method: request.method,
    path: request.originalUrl,
    body,
    header: (name) => request.header(name),
    toleranceSeconds: deps.toleranceSeconds,
  });
  if (!check.ok) throw refuse(REASONS[check.reason], `signature_${check.reason}`);
  if (!(await deps.nonces.claim(key.principal.keyId, check.nonce))) {
    throw refuse("This request nonce has been used already: every signed request needs a new one.", "signature_replayed");
  }
}

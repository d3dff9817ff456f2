import { UpstreamError } from "../spec/upstream-error.js";
import { TIMEOUT_STAGE_DESCRIPTIONS, type TimeoutGuard } from "./timeout-guard.js";

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: "connect timeout",
  UND_ERR_HEADERS_TIMEOUT: "first byte timeout",
  UND_ERR_BODY_TIMEOUT: "idle timeout between chunks",
};

const CONNECTION_CODES = new Set([
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
]);

export interface AbortSignals {
  caller?: AbortSignal;
  /** The whole-call budget, and whether it ran out. */
  total: { readonly fired: boolean };
  /** Stage timers (first byte, idle gap) that abort the request themselves. */
  stages?: TimeoutGuard;
}

/**
 * Turns a failure of the transport into the error callers see: the caller's own abort is rethrown
 * as its reason (the client went away; nothing to report upstream), our total timeout becomes a
 * retryable timeout, resets and refused connections become retryable connection errors.
 */
export function mapTransportError(provider: string, error: unknown, signals: AbortSignals): unknown {
  if (error instanceof UpstreamError) return error;
  if (signals.caller?.aborted) return signals.caller.reason ?? error;
  const stage = signals.stages?.fired;
  if (stage !== undefined) {
    return new UpstreamError({ provider, status: 504, type: "timeout", vendorCode: `${stage}_timeout`, message: `Upstream ${TIMEOUT_STAGE_DESCRIPTIONS[stage]}`, cause: error });
  }
  if (signals.total.fired) {
    return new UpstreamError({ provider, status: 504, type: "timeout", message: "Upstream total timeout exceeded", cause: error });
  }
  const code = findErrorCode(error);
  if (code !== undefined && TIMEOUT_CODES[code] !== undefined) {
    return new UpstreamError({ provider, status: 504, type: "timeout", vendorCode: code, message: `Upstream ${TIMEOUT_CODES[code]}`, cause: error });
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return new UpstreamError({ provider, status: 502, type: "connection", vendorCode: code, message: `Upstream connection failed: ${messageOf(error)}`, cause: error });
  }
  return new UpstreamError({ provider, status: 502, type: "connection", message: `Upstream request failed: ${messageOf(error)}`, cause: error });
}

function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

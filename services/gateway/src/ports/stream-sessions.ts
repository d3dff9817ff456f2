import type { Principal } from "./authenticator.js";

/** One long-lived answer (an SSE stream) held open for an API key. */
export interface StreamSession {
  /** Aborted when the key is revoked, changed or expires: the stream must end. */
  readonly signal: AbortSignal;
  close(): void;
}

/**
 * Long-lived answers per API key (auth module): at most N open at once per key, and each ended
 * when its key stops being valid. `open` throws AppError `rate_limited` past the cap.
 */
export interface StreamSessions {
  open(principal: Principal): StreamSession;
}

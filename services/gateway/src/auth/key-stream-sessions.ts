import { AppError } from "@llm-serve/common";
import type { Principal } from "../ports/authenticator.js";
import type { StreamSession, StreamSessions } from "../ports/stream-sessions.js";

// setTimeout's longest delay; a later expiry is armed again when this one fires.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface KeyStreamSessionsOptions {
  maxPerKey: () => number;
  now?: () => number;
}

/**
 * The SSE streams open per API key in this gateway process. A key's streams end when auth-key
 * announces it revoked or changed (`endKey`, from the key-change events; a changed key's client
 * reconnects and is authenticated again) and when the presented secret expires.
 */
export class KeyStreamSessions implements StreamSessions {
  readonly #open = new Map<string, Set<AbortController>>();
  readonly #now: () => number;

  constructor(private readonly options: KeyStreamSessionsOptions) {
    this.#now = options.now ?? Date.now;
  }

  open(principal: Principal): StreamSession {
    const sessions = this.#open.get(principal.keyId) ?? new Set<AbortController>();
    const limit = this.options.maxPerKey();
    if (sessions.size >= limit) {
      throw new AppError("rate_limited", `This API key already has ${limit} open streams; close one first.`, { details: { retryAfterSeconds: 1, openaiCode: "too_many_streams" } });
    }
    const controller = new AbortController();
    sessions.add(controller);
    this.#open.set(principal.keyId, sessions);
    const timer: { current: NodeJS.Timeout | undefined } = { current: undefined };
    const close = () => {
      clearTimeout(timer.current);
      sessions.delete(controller);
      if (sessions.size === 0 && this.#open.get(principal.keyId) === sessions) this.#open.delete(principal.keyId);
    };
    controller.signal.addEventListener("abort", close, { once: true });
    this.#armExpiry(controller, principal.expiresAtMs ?? 0, timer);
    return { signal: controller.signal, close };
  }

  /** Ends every stream of the key (revoked or changed). */
  endKey(keyId: string): void {
    for (const controller of [...(this.#open.get(keyId) ?? [])]) controller.abort(new Error("key revoked or changed"));
  }

  openCount(keyId: string): number {
    return this.#open.get(keyId)?.size ?? 0;
  }

  #armExpiry(controller: AbortController, expiresAtMs: number, timer: { current: NodeJS.Timeout | undefined }): void {
    if (expiresAtMs <= 0) return;
    const arm = () => {
      const remaining = expiresAtMs - this.#now();
      if (remaining <= 0) {
        controller.abort(new Error("key expired"));
        return;
      }
      timer.current = setTimeout(arm, Math.min(remaining, LONGEST_TIMER_MS));
      timer.current.unref();
    };
    arm();
  }
}

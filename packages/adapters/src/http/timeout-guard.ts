/**
 * Millisecond-precise stage timers (first byte, idle gap). undici's own headers/body timeouts tick
 * on a one-second wheel, too coarse for sub-second budgets, so we abort the request ourselves.
 */
export type TimeoutStage = "first_byte" | "idle";

export const TIMEOUT_STAGE_DESCRIPTIONS: Record<TimeoutStage, string> = {
  first_byte: "first byte timeout",
  idle: "idle timeout between chunks",
};

export class TimeoutGuard {
  private timer: NodeJS.Timeout | undefined;
  private firedStage: TimeoutStage | undefined;

  /** `controller`: the call's one controller, shared with the total deadline and the caller's abort. */
  constructor(private readonly controller: AbortController = new AbortController()) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The stage whose timer fired, if any. */
  get fired(): TimeoutStage | undefined {
    return this.firedStage;
  }

  arm(stage: TimeoutStage, milliseconds: number): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.firedStage = stage;
      this.controller.abort(new Error(TIMEOUT_STAGE_DESCRIPTIONS[stage]));
    }, Math.max(1, milliseconds));
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The whole-call budget: aborts its signal when it runs out; `clear()` once the call has ended. */
export class TotalDeadline {
  private readonly timer: NodeJS.Timeout;
  private firedFlag = false;

  constructor(
    milliseconds: number,
    private readonly controller: AbortController = new AbortController(),
  ) {
    this.timer = setTimeout(() => {
      this.firedFlag = true;
      this.controller.abort(new DOMException("total timeout", "TimeoutError"));
    }, Math.max(1, milliseconds));
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the budget ran out (rather than another cause aborting a shared signal). */
  get fired(): boolean {
    return this.firedFlag;
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

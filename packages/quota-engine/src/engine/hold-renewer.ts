import type { Reservation } from "./quota-engine.js";
import type { QuotaScripts } from "../redis/quota-scripts.js";

/**
 * Keeps the holds of requests still running alive, in one script call per tick (a third of the
 * hold ttl). When the process dies the ticks stop and its holds expire within one hold ttl.
 */
export class HoldRenewer {
  readonly #live = new Map<string, Reservation>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly scripts: QuotaScripts,
    private readonly holdTtlMs: number,
    private readonly holdKeyTtlMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  track(reservation: Reservation): void {
    this.#live.set(reservation.id, reservation);
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.renewNow().catch(this.onError), Math.max(50, Math.floor(this.holdTtlMs / 3)));
      this.#timer.unref();
    }
  }

  forget(reservationId: string): void {
    this.#live.delete(reservationId);
    if (this.#live.size === 0) this.stop();
  }

  async renewNow(): Promise<number> {
    const holds = [...this.#live.values()].flatMap((reservation) => reservation.counters.map((counter) => ({ counter, reservationId: reservation.id })));
    return this.scripts.renew(holds, this.holdTtlMs, this.holdKeyTtlMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

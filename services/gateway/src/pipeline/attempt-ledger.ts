import { isUpstreamError, type Usage } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";

/** How one upstream attempt ended, which decides what it is charged (docs/events.md). */
export type AttemptOutcome = "succeeded" | "vendor_error" | "client_abort" | "stopped_reading" | "upstream_cut" | "timeout" | "not_sent";

/** One upstream attempt of a request, as its usage event records it. */
export interface AttemptRecord {
  /** 1 for the first deployment tried, 2 for the next, … */
  number: number;
  deployment: Deployment;
  outcome: AttemptOutcome;
  usage: Usage;
  /** True for the attempt whose answer reached the client. */
  served: boolean;
  error?: unknown;
  timeToFirstTokenMs?: number;
}

/**
 * The attempts of one request that reached a vendor, in order. Every one is charged and gets its
 * own usage event; the quota reservation (one per request) is settled once with their sum.
 */
export class AttemptLedger {
  readonly #attempts: AttemptRecord[] = [];
  #started = 0;

  /** Called as an attempt begins; returns its number. */
  begin(): number {
    this.#started += 1;
    return this.#started;
  }

  get started(): number {
    return this.#started;
  }

  add(record: AttemptRecord): void {
    this.#attempts.push(record);
  }

  get attempts(): readonly AttemptRecord[] {
    return this.#attempts;
  }

  get served(): AttemptRecord | undefined {
    return this.#attempts.find((attempt) => attempt.served);
  }
}

/**
 * What a failed attempt is charged, by how it failed. A vendor that answered with an error bills
 * nothing (and is recorded with zero tokens); once the request was sent and then cut — the client
 * went away, the call timed out, the stream broke — the vendor has read the prompt and bills it, plus
 * whatever it generated: the delivered part is what we can count. A connection that never opened
 * reached no vendor and is not recorded.
 */
export function failedAttemptOutcome(error: unknown, clientGone: boolean, anythingDelivered: boolean): AttemptOutcome {
  if (error instanceof ClientStoppedReading) return "stopped_reading";
  if (clientGone) return "client_abort";
  if (!isUpstreamError(error)) return anythingDelivered ? "upstream_cut" : "not_sent";
  if (error.type === "timeout") return "timeout";
  if (anythingDelivered) return "upstream_cut";
  // A transport failure before any answer: we cannot tell a sent request from a refused
  // connection, and a vendor that never answered has nothing on its invoice we could see.
  if (error.type === "connection") return "not_sent";
  return "vendor_error";
}

/** Whether an outcome charges the prompt (and any delivered output) or nothing. */
export function chargesPrompt(outcome: AttemptOutcome): boolean {
  return outcome !== "vendor_error" && outcome !== "not_sent";
}

/** A client that stopped reading a stream for longer than the write idle limit. */
export class ClientStoppedReading extends Error {
  constructor(idleMs: number) {
    super(`the client read nothing for ${idleMs} ms`);
    this.name = "ClientStoppedReading";
  }
}

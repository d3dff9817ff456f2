import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError, type Logger } from "@llm-serve/common";
import type { gatewayInferenceV1 } from "@llm-serve/proto";
import type { IdempotencyStore, Lease, StoredAnswer } from "../idempotency/idempotency-store.js";
import { UsageHold, restateUsage, withUsageHold } from "../idempotency/usage-hold.js";
import type { UsageSink } from "../ports/usage-sink.js";
import { CompletionFromChunks, chunksOfCompletion } from "./kept-completion.js";

export interface CallOnceOptions {
  store: IdempotencyStore;
  leaseMs: () => number;
  /** Larger answers are not kept (the same id then gets an error): ADR 0031's memory bound. */
  maxAnswerBytes: () => number;
  /** How long a call may hold its id, and how long a repeat waits for the first to answer. */
  maxHoldMs: () => number;
  logger: () => Logger;
  /** As for keyed HTTP requests (ADR 0039): where held events go once kept, where a replay re-states them. */
  usage: { held: UsageSink; restated: UsageSink };
  /** Makes a kept answer's quota settlement again (counted once): `QuotaGate.settleAgain`. */
  settleAgain?: (receipt: unknown) => Promise<void>;
}

/** A model call named by its caller (the assistant service: `<run id>/step-<n>`, ADR 0034). */
export interface NamedCall {
  projectId: string;
  keyId: string;
  callId: string;
  requestJson: string;
  signal: AbortSignal;
}

type ChunkWriter = (message: gatewayInferenceV1.ChatCompletionChunk) => Promise<void>;
type Owned = { kind: "owner"; lease: Lease } | { kind: "done"; answer: StoredAnswer };

/** How often a repeat looks whether the first call with its id answered. */
const POLL_MS = 200;

/**
 * Named model calls are made once (ADR 0034): through the idempotency store (ADR 0031) under the
 * caller's project and key, the first call's answer is kept with its usage events in one write
 * (ADR 0039); the same id again gets that answer and re-states the same event ids — no vendor
 * call, no new charge. A repeat while the first runs waits for it. An empty id is not deduplicated.
 */
export class CallOnce {
  constructor(private readonly options: CallOnceOptions) {}

  /** A unary call: `run` answers the chat completion's JSON. */
  async unary(call: NamedCall, run: () => Promise<string>): Promise<string> {
    const fingerprint = sha256(call.requestJson);
    const claim = call.callId === "" ? undefined : await this.#claim(call, fingerprint);
    if (claim === undefined) return run();
    if (claim.kind === "done") return this.#replay(claim.answer);
    return (await this.#own(claim.lease, fingerprint, run)) as string;
  }

  /** A streamed call: `run` writes the chunks; a replay writes the kept completion as one chunk set. */
  async stream(call: NamedCall, write: ChunkWriter, run: (write: ChunkWriter) => Promise<void>): Promise<void> {
    const fingerprint = sha256(call.requestJson);
    const claim = call.callId === "" ? undefined : await this.#claim(call, fingerprint);
    if (claim === undefined) return run(write);
    if (claim.kind === "done") {
      for (const chunkJson of chunksOfCompletion(this.#replay(claim.answer))) await write({ chunkJson, errorJson: "" });
      return;
    }
    const kept = new CompletionFromChunks();
    let failed = false;
    await this.#own(claim.lease, fingerprint, async () => {
      await run(async (message) => {
        if (message.errorJson !== "") failed = true;
        else kept.add(message.chunkJson);
        await write(message);
      });
      // A stream that ended on an error or was cut is not kept: the id is freed, a retry makes the call again.
      return failed || call.signal.aborted ? undefined : JSON.stringify(kept.completion());
    });
  }

  /** Owner of a fresh id, or the kept answer; waits while another call with the id runs. */
  async #claim(call: NamedCall, fingerprint: string): Promise<Owned | undefined> {
    const key = `${call.projectId}:call:${call.keyId}:${sha256(call.callId)}`;
    const deadline = Date.now() + this.options.maxHoldMs();
    for (;;) {
      let claim;
      try {
        claim = await this.options.store.claim(key, fingerprint);
      } catch (error) {
        // Redis away: the call runs without the guarantee (ADR 0031's fail-open), loudly.
        this.options.logger().warn({ err: error, callId: call.callId }, "model call id not checked: store unavailable");
        return undefined;
      }
      if (claim.kind === "owner") return claim;
      const stored = claim.kind === "done" ? claim.answer.fingerprint : claim.fingerprint;
      if (stored !== fingerprint) throw new AppError("invalid_request", `The model call ${call.callId} was made before with another request.`, { details: { openaiCode: "idempotency_key_reused", reason: "idempotency_key_reused" } });
      if (claim.kind === "done") return claim;
      // Still running (or its gateway died and the lease has yet to lapse): never a second vendor call beside it.
      if (Date.now() + POLL_MS > deadline || call.signal.aborted) throw inProgress(claim.retryAfterMs);
      await sleep(Math.min(POLL_MS, Math.max(claim.retryAfterMs, 20)), undefined, { signal: call.signal }).catch(() => undefined);
    }
  }

  #replay(answer: StoredAnswer): string {
    if (answer.body === undefined) throw new AppError("invalid_request", "This model call was answered before, but its answer was too large to keep for a repeat.", { details: { openaiCode: "idempotency_key_reused", reason: "idempotency_key_reused" } });
    // The first gateway may have died after keeping the answer and before its events were safe.
    restateUsage(this.options.usage.restated, answer, this.options.settleAgain);
    return answer.body;
  }

  /** Runs the call holding its id and its usage events; keeps the answer with them, or frees the id. */
  async #own(lease: Lease, fingerprint: string, work: () => Promise<string | undefined>): Promise<string | undefined> {
    const { options } = this;
    const renewal = setInterval(() => void lease.renew().catch(() => undefined), Math.max(100, Math.floor(options.leaseMs() / 3)));
    const giveUp = setTimeout(() => clearInterval(renewal), options.maxHoldMs());
    const hold = new UsageHold(options.usage.held);
    const warn = (error: unknown) => options.logger().warn({ err: error }, "model call id not settled");
    try {
      const body = await withUsageHold(hold, work);
      if (body === undefined) {
        await hold.release();
        await lease.release().catch(warn);
        return undefined;
      }
      const tooLarge = Buffer.byteLength(body) > options.maxAnswerBytes();
      if (tooLarge) await hold.release();
      const answer: StoredAnswer = tooLarge ? { fingerprint, status: 200, headers: {}, notStored: "too_large" } : { fingerprint, status: 200, headers: {}, body, usage: hold.snapshot(), settlement: hold.settlement };
      // One write: the answer and its events (ADR 0039); only then may the sink take the events.
      await lease.complete(answer).catch(warn);
      await hold.releaseDurably();
      return body;
    } catch (error) {
      // Failed or cancelled: its attempts are recorded as made, and a retry may make the call again.
      await hold.release();
      await lease.release().catch(warn);
      throw error;
    } finally {
      clearInterval(renewal);
      clearTimeout(giveUp);
    }
  }
}

function inProgress(retryAfterMs: number): AppError {
  return new AppError("conflict", "A model call with this id is still being made; retry after the delay in Retry-After.", {
    retryable: true,
    details: { openaiCode: "idempotency_in_progress", retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

import type { Response } from "express";
import { createUsage, type CallContext, type ProviderAdapter, type StreamPart, type Usage } from "@llm-serve/adapters";
import { toAppError } from "@llm-serve/common";
import { toOpenAIError } from "../http/openai-error.js";
import { SseWriter } from "../http/sse-writer.js";
import type { Deployment } from "../ports/deployment-router.js";
import { assertCanUse } from "./access.js";
import { AttemptLedger, chargesPrompt, failedAttemptOutcome, type AttemptRecord } from "./attempt-ledger.js";
import { adapterContext, attemptDeployments } from "./attempt-deployments.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { assertRecordingUsage, recordOutcome, settlementSent, sumUsage } from "./record-outcome.js";
import { servedHeaders } from "./served-headers.js";
import { toGatewayError } from "./upstream-error-to-app-error.js";
import { checkedVendorUsage } from "./vendor-usage.js";

export interface StreamOptions<Chunk> {
  estimatedTokens: number;
  exactTokens?: () => Promise<number>;
  open: (adapter: ProviderAdapter, deployment: Deployment, context: CallContext) => AsyncIterable<StreamPart<Chunk>>;
  /** Remembers what was delivered, to estimate usage when the stream is cut short. */
  onDelivered: (chunk: Chunk) => void;
  /** The prompt plus what was delivered so far, counted by the gateway (marked estimated). */
  estimateDelivered: () => Promise<Usage>;
  /** The extra final chunk carrying usage when the client asked (`stream_options.include_usage`). */
  usageChunk?: (usage: Usage, lastChunk: Chunk | undefined) => unknown;
  /** OpenAI ends chat and completion streams with `data: [DONE]`; audio streams end without it. */
  sendDone?: boolean;
}

/**
 * Where a served stream goes: the client's SSE response (SseWriter), or a gRPC server stream for
 * the assistant service's model calls (ADR 0029).
 */
export type StreamSink = Pick<SseWriter, "started" | "start" | "data" | "error" | "done" | "end">;

type Opened<Chunk> = { iterator: AsyncIterator<StreamPart<Chunk>>; first: IteratorResult<StreamPart<Chunk>> };

/** What the pump saw of the served attempt, kept when it fails half-way. */
interface Pumped {
  vendorUsage?: Usage;
  firstTokenAt?: number;
}

/**
 * The request path of a streamed call. The first part is read before anything is sent, so a
 * failure up to then can still fail over; after it, errors travel as a final SSE error event.
 * A client that goes away (or stops reading for longer than the write idle limit) aborts the
 * upstream; every attempt is charged as docs/events.md says (the prompt plus what was delivered).
 */
export async function executeStream<Chunk>(deps: PipelineDeps, call: GatewayCall, response: Response, options: StreamOptions<Chunk>): Promise<void> {
  await executeStreamTo(deps, call, new SseWriter(response, { writeIdleMs: deps.streamWriteIdleMs?.() ?? DEFAULT_WRITE_IDLE_MS }), options);
}

/** executeStream to any sink (the request path is the same; only the framing differs). */
export async function executeStreamTo<Chunk>(deps: PipelineDeps, call: GatewayCall, sse: StreamSink, options: StreamOptions<Chunk>): Promise<void> {
  assertCanUse(call.principal, call.model, call.endpoint);
  assertRecordingUsage(deps);
  // Reserve before planning: a plan leases in-flight slots that a refused request would leave behind.
  const reservation = await deps.quota.reserve({
    principal: call.principal,
    model: call.model,
    endpoint: call.endpoint,
    estimatedTokens: options.estimatedTokens,
    exactTokens: options.exactTokens,
    requestId: call.requestId,
    signal: call.signal,
  });
  const ledger = new AttemptLedger();
  let served: { deployment: Deployment; attempt: number } | undefined;
  const pumped: Pumped = {};
  let finalError: unknown;
  try {
    const candidates = deps.router.plan(call.model, call.endpoint, call.principal);
    const opened = await attemptDeployments<Opened<Chunk>>(
      deps,
      call,
      candidates,
      async (adapter, target) => {
        const iterator = options.open(adapter, target, adapterContext(call, target))[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      },
      {
        onFailedAttempt: async (target, number, error) => {
          const outcome = failedAttemptOutcome(error, call.signal.aborted, false);
          if (outcome === "not_sent") return;
          // Nothing of a failed attempt reached the client: the prompt at most (onDelivered saw nothing yet).
          ledger.add({ number, deployment: target, outcome, error, served: false, usage: chargesPrompt(outcome) ? { ...(await options.estimateDelivered()), estimated: true } : createUsage() });
        },
      },
    );
    served = { deployment: opened.deployment, attempt: opened.attempt };
    sse.start({ ...reservation.headers, ...servedHeaders(opened.deployment, opened.attempt) });
    // The upstream is done: what the hold will not need (every attempt's charge so far) is free now,
    // not once the client has read everything.
    const release = (usage: Usage) => deps.quota.release?.(reservation, sumUsage([...ledger.attempts.map((attempt) => attempt.usage), usage]));
    const usage = await pump(call, sse, opened.value, options, opened.deployment, pumped, release);
    ledger.add({ ...servedRecord(served, pumped, call), outcome: "succeeded", usage });
  } catch (error) {
    finalError = error;
    if (served) {
      const outcome = failedAttemptOutcome(error, call.signal.aborted, true);
      const usage = pumped.vendorUsage ?? { ...(await options.estimateDelivered()), estimated: true };
      ledger.add({ ...servedRecord(served, pumped, call), outcome, usage, error });
    }
    if (!sse.started) throw error;
    if (!call.signal.aborted) await sse.error(toOpenAIError(toAppError(toGatewayError(error)), call.requestId).body);
  } finally {
    // Charged before the stream's end is written: the end waits for the settlement to leave.
    void recordOutcome(deps, call, reservation, ledger, finalError);
    await settlementSent(deps);
    sse.end();
  }
}

const DEFAULT_WRITE_IDLE_MS = 30_000;

function servedRecord(served: { deployment: Deployment; attempt: number }, pumped: Pumped, call: GatewayCall): Omit<AttemptRecord, "outcome" | "usage"> {
  return {
    number: served.attempt,
    deployment: served.deployment,
    served: true,
    timeToFirstTokenMs: pumped.firstTokenAt === undefined ? 0 : pumped.firstTokenAt - call.startedAt,
  };
}

async function pump<Chunk>(
  call: GatewayCall,
  sse: StreamSink,
  opened: Opened<Chunk>,
  options: StreamOptions<Chunk>,
  deployment: Deployment,
  pumped: Pumped,
  release: (usage: Usage) => void,
): Promise<Usage> {
  let lastChunk: Chunk | undefined;
  let next = opened.first;
  try {
    while (!next.done) {
      const part = next.value;
      if (part.type === "chunk") {
        pumped.firstTokenAt ??= performance.now();
        lastChunk = part.chunk;
        // Counted as delivered once handed to the socket: a cut from here on still charges it.
        options.onDelivered(part.chunk);
        await sse.data(part.chunk);
      } else {
        pumped.vendorUsage = await checkedVendorUsage(call, deployment, part.usage, options.estimateDelivered);
      }
      if (call.signal.aborted) throw call.signal.reason;
      next = await opened.iterator.next();
    }
  } catch (error) {
    await opened.iterator.return?.().catch(() => undefined);
    throw error;
  }
  const finalUsage = pumped.vendorUsage ?? { ...(await options.estimateDelivered()), estimated: true };
  release(finalUsage);
  if (options.usageChunk) await sse.data(options.usageChunk(finalUsage, lastChunk));
  if (options.sendDone !== false) await sse.done();
  return finalUsage;
}

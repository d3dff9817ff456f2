import type { Response } from "express";
import type { CallContext, ProviderAdapter, StreamPart, Usage } from "@llm-serve/adapters";
import { toAppError } from "@llm-serve/common";
import { toOpenAIError } from "../http/openai-error.js";
import { SseWriter } from "../http/sse-writer.js";
import type { Deployment } from "../ports/deployment-router.js";
import { assertCanUse } from "./access.js";
import { adapterContext, attemptDeployments } from "./attempt-deployments.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { assertRecordingUsage, recordOutcome, type Outcome } from "./record-outcome.js";
import { toGatewayError } from "./upstream-error-to-app-error.js";

export interface StreamOptions<Chunk> {
  estimatedTokens: number;
  exactTokens?: () => Promise<number>;
  open: (adapter: ProviderAdapter, deployment: Deployment, context: CallContext) => AsyncIterable<StreamPart<Chunk>>;
  /** Remembers what was delivered, to estimate usage when the stream is cut short. */
  onDelivered: (chunk: Chunk) => void;
  estimateDelivered: () => Promise<Usage>;
  /** The extra final chunk carrying usage when the client asked (`stream_options.include_usage`). */
  usageChunk?: (usage: Usage, lastChunk: Chunk | undefined) => unknown;
  /** OpenAI ends chat and completion streams with `data: [DONE]`; audio streams end without it. */
  sendDone?: boolean;
}

type Opened<Chunk> = { iterator: AsyncIterator<StreamPart<Chunk>>; first: IteratorResult<StreamPart<Chunk>> };

/**
 * The request path of a streamed call. The first part is read before anything is sent, so a
 * failure up to then can still fail over; after it, errors travel as a final SSE error event.
 * A client that goes away aborts the upstream, and usage is counted for what was delivered only.
 */
export async function executeStream<Chunk>(deps: PipelineDeps, call: GatewayCall, response: Response, options: StreamOptions<Chunk>): Promise<void> {
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
  let outcome: Outcome = { status: "failed" };
  const sse = new SseWriter(response);
  try {
    const candidates = deps.router.plan(call.model, call.endpoint, call.principal);
    const { value: opened, deployment } = await attemptDeployments<Opened<Chunk>>(deps, call, candidates, async (adapter, target) => {
      const iterator = options.open(adapter, target, adapterContext(call, target))[Symbol.asyncIterator]();
      return { iterator, first: await iterator.next() };
    });
    outcome = { status: "failed", deployment };
    sse.start(reservation.headers);
    outcome = await pump(call, sse, opened, options, deployment, (usage) => deps.quota.release?.(reservation, usage));
  } catch (error) {
    outcome = { ...outcome, status: call.signal.aborted ? "cancelled" : "failed", error };
    if (call.signal.aborted) outcome.usage = await options.estimateDelivered();
    if (!sse.started) throw error;
    if (!call.signal.aborted) await sse.error(toOpenAIError(toAppError(toGatewayError(error)), call.requestId).body);
  } finally {
    sse.end();
    void recordOutcome(deps, call, reservation, outcome);
  }
}

async function pump<Chunk>(call: GatewayCall, sse: SseWriter, opened: Opened<Chunk>, options: StreamOptions<Chunk>, deployment: Deployment, release: (usage: Usage) => void): Promise<Outcome> {
  let usage: Usage | undefined;
  let lastChunk: Chunk | undefined;
  let firstTokenAt: number | undefined;
  let next = opened.first;
  try {
    while (!next.done) {
      const part = next.value;
      if (part.type === "chunk") {
        firstTokenAt ??= performance.now();
        lastChunk = part.chunk;
        options.onDelivered(part.chunk);
        await sse.data(part.chunk);
      } else {
        usage = part.usage;
      }
      if (call.signal.aborted) throw call.signal.reason;
      next = await opened.iterator.next();
    }
  } catch (error) {
    await opened.iterator.return?.().catch(() => undefined);
    throw error;
  }
  const finalUsage = usage ?? (await options.estimateDelivered());
  // The upstream is done: what the hold will not need is free now, not once the client has read all.
  release(finalUsage);
  if (options.usageChunk) await sse.data(options.usageChunk(finalUsage, lastChunk));
  if (options.sendDone !== false) await sse.done();
  return { status: "succeeded", usage: finalUsage, deployment, timeToFirstTokenMs: firstTokenAt === undefined ? 0 : firstTokenAt - call.startedAt };
}

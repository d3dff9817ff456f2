import type { Request, Response } from "express";
import { Router } from "express";
import { AppError, toAppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { assistantV1 } from "@llm-serve/proto";
import { principalOf } from "../http/authenticate.js";
import { toOpenAIError } from "../http/openai-error.js";
import { locals } from "../http/request-context.js";
import { ASSISTANT_ROUTES, type AssistantRoute } from "./assistant-routes.js";

export type AssistantClient = ServiceClient<typeof assistantV1.AssistantServiceService>;

/**
 * /v1/assistants, /v1/threads, /v1/responses and /v1/conversations: authenticated here, answered by the
 * assistant service over gRPC (ADR 0024). A streamed request goes over the server-streaming
 * InvokeStream (ADR 0029): each event is written as OpenAI's server-sent event when it arrives, and a
 * client that goes away cancels the call (and so the run's model call).
 */
export function assistantsRouter(assistants: AssistantClient): Router {
  const router = Router();
  for (const route of ASSISTANT_ROUTES) {
    router[route.method](route.path, async (request, response) => {
      await forward(assistants, route, request, response);
    });
  }
  return router;
}

/** A run or response makes model calls before it ends: as long as a chat completion may take. */
const OPERATION_DEADLINE_MS = 600_000;

async function forward(assistants: AssistantClient, route: AssistantRoute, request: Request, response: Response): Promise<void> {
  if (route.beta) assertAssistantsV2(request);
  const principal = principalOf(response);
  const invocation: assistantV1.InvokeRequest = {
    caller: { projectId: principal.projectId, keyId: principal.keyId, principalJson: JSON.stringify(principal) },
    operation: route.operation,
    params: stringRecord(request.params),
    query: stringRecord(request.query),
    bodyJson: request.method === "POST" ? JSON.stringify(request.body ?? {}) : "",
  };
  const streamed = route.operation === "messages.shorthand" || (request.method === "POST" && (request.body as { stream?: unknown } | undefined)?.stream === true);
  if (streamed) return forwardStream(assistants, invocation, response);
  const answer = await assistants.invoke(invocation, { requestId: locals(response).requestId, deadlineMs: OPERATION_DEADLINE_MS });
  if (answer.events.length === 0) {
    response.type("application/json").send(answer.bodyJson);
    return;
  }
  startEvents(response);
  for (const event of answer.events) response.write(`event: ${event.event}\ndata: ${event.dataJson}\n\n`);
  response.end();
}

/**
 * Relays InvokeStream as server-sent events. An error before the first message is an ordinary HTTP
 * error (nothing was sent yet); after it, a final `event: error` with OpenAI's error body.
 */
async function forwardStream(assistants: AssistantClient, invocation: assistantV1.InvokeRequest, response: Response): Promise<void> {
  const requestId = locals(response).requestId;
  const gone = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) gone.abort(new Error("the client went away"));
  });
  const messages = assistants.invokeStream(invocation, { requestId, deadlineMs: OPERATION_DEADLINE_MS, signal: gone.signal })[Symbol.asyncIterator]();
  const first = await messages.next();
  if (first.done || first.value.event === undefined) {
    response.type("application/json").send(first.done ? "{}" : first.value.bodyJson);
    return;
  }
  startEvents(response);
  try {
    for (let next: IteratorResult<assistantV1.InvokeStreamResponse> = first; !next.done; next = await messages.next()) {
      const event = next.value.event;
      if (event) await writeEvent(response, `event: ${event.event}\ndata: ${event.dataJson}\n\n`);
    }
  } catch (error) {
    if (!gone.signal.aborted) await writeEvent(response, `event: error\ndata: ${JSON.stringify(toOpenAIError(toAppError(error), requestId).body)}\n\n`);
  } finally {
    response.end();
  }
}

function startEvents(response: Response): void {
  response.status(200).set({ "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
  response.flushHeaders();
  response.socket?.setNoDelay(true);
}

/** Waits for the socket to drain when its buffer is full (a slow reader slows the run's relay, not memory). */
async function writeEvent(response: Response, text: string): Promise<void> {
  if (response.writableEnded || response.destroyed) return;
  if (response.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

function assertAssistantsV2(request: Request): void {
  const beta = request.get("openai-beta") ?? "";
  if (beta.split(",").some((part) => part.trim() === "assistants=v2")) return;
  throw new AppError("invalid_request", "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.", {
    details: { openaiCode: "invalid_beta" },
  });
}

function stringRecord(source: Record<string, unknown>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) if (typeof value === "string") record[name] = value;
  return record;
}

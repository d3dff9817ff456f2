import { AppError } from "@llm-serve/common";
import type { ServiceHandlers } from "@llm-serve/grpc";
import type { assistantV1 } from "@llm-serve/proto";
import type { AssistantDeps, Caller, OperationInput, OperationResult, StreamEvent } from "../domain/deps.js";
import { OPERATIONS } from "./operations.js";

type InvokeRequest = assistantV1.InvokeRequest;

export function createAssistantHandlers(deps: AssistantDeps): ServiceHandlers<typeof assistantV1.AssistantServiceService> {
  return {
    getAssistant: async (request) => {
      const row = (await deps.db("assistants").where({ id: request.id }).first()) as { id: string; model: string; name: string; created_at: Date } | undefined;
      if (!row) throw new AppError("not_found", `assistant ${request.id} does not exist`);
      return { assistant: { id: row.id, model: row.model, name: row.name, createdAtMs: row.created_at.getTime() } };
    },
    // The whole answer at once: a streamed operation's events collected into one list.
    invoke: async (request, context) => {
      const result = await run(deps, request, { requestId: context.requestId });
      if ("body" in result) return { bodyJson: JSON.stringify(result.body), events: [] };
      const events = "events" in result ? result.events : await collect(result.stream);
      return { bodyJson: "", events: events.map(toWire) };
    },
    // Each event sent as it happens (ADR 0029); the call's cancellation reaches the run's model call.
    invokeStream: async (request, context) => {
      const result = await run(deps, request, { requestId: context.requestId, signal: context.signal });
      if ("body" in result) return context.write({ bodyJson: JSON.stringify(result.body), event: undefined });
      if ("events" in result) {
        for (const event of result.events) await context.write({ bodyJson: "", event: toWire(event) });
        return;
      }
      // Emitting is synchronous in the domain; the writes are chained so they stay in order.
      let writing = Promise.resolve();
      await result.stream((event) => {
        writing = writing.then(() => context.write({ bodyJson: "", event: toWire(event) }));
      });
      await writing;
    },
  };
}

function run(deps: AssistantDeps, request: InvokeRequest, call: { requestId: string; signal?: AbortSignal }): Promise<OperationResult> {
  const operation = OPERATIONS[request.operation];
  if (!operation) throw new AppError("not_found", `unknown operation ${request.operation}`);
  if (!request.caller?.projectId) throw new AppError("unauthenticated", "an operation needs the caller's project");
  const caller: Caller = { projectId: request.caller.projectId, principalJson: request.caller.principalJson, ...call };
  const input: OperationInput = { params: request.params, query: request.query, body: parseBody(request.bodyJson) };
  return operation(deps, caller, input);
}

async function collect(stream: (emit: (event: StreamEvent) => void) => Promise<void>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  await stream((event) => events.push(event));
  return events;
}

function toWire(event: StreamEvent): assistantV1.StreamEvent {
  return { event: event.event, dataJson: typeof event.data === "string" ? event.data : JSON.stringify(event.data) };
}

function parseBody(json: string): unknown {
  if (json === "") return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new AppError("invalid_request", "the request body is not JSON");
  }
}

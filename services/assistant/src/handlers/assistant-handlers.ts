import { AppError } from "@llm-serve/common";
import type { ServiceHandlers } from "@llm-serve/grpc";
import type { assistantV1 } from "@llm-serve/proto";
import type { AssistantDeps } from "../domain/deps.js";
import { OPERATIONS } from "./operations.js";

export function createAssistantHandlers(deps: AssistantDeps): ServiceHandlers<typeof assistantV1.AssistantServiceService> {
  return {
    getAssistant: async (request) => {
      const row = (await deps.db("assistants").where({ id: request.id }).first()) as { id: string; model: string; name: string; created_at: Date } | undefined;
      if (!row) throw new AppError("not_found", `assistant ${request.id} does not exist`);
      return { assistant: { id: row.id, model: row.model, name: row.name, createdAtMs: row.created_at.getTime() } };
    },
    invoke: async (request, context) => {
      const operation = OPERATIONS[request.operation];
      if (!operation) throw new AppError("not_found", `unknown operation ${request.operation}`);
      if (!request.caller?.projectId) throw new AppError("unauthenticated", "an operation needs the caller's project");
      const body = parseBody(request.bodyJson);
      const caller = { projectId: request.caller.projectId, principalJson: request.caller.principalJson, requestId: context.requestId };
      const result = await operation(deps, caller, { params: request.params, query: request.query, body });
      if ("body" in result) return { bodyJson: JSON.stringify(result.body), events: [] };
      return { bodyJson: "", events: result.events.map((event) => ({ event: event.event, dataJson: typeof event.data === "string" ? event.data : JSON.stringify(event.data) })) };
    },
  };
}

function parseBody(json: string): unknown {
  if (json === "") return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new AppError("invalid_request", "the request body is not JSON");
  }
}

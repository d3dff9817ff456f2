import type { Request, Response } from "express";
import { Router } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { assistantV1 } from "@llm-serve/proto";
import { principalOf } from "../http/authenticate.js";
import { locals } from "../http/request-context.js";
import { ASSISTANT_ROUTES, type AssistantRoute } from "./assistant-routes.js";

export type AssistantClient = ServiceClient<typeof assistantV1.AssistantServiceService>;

/**
 * /v1/assistants, /v1/threads, /v1/responses and /v1/conversations: authenticated here, answered by the
 * assistant service over gRPC (ADR 0024). A streamed operation comes back as the list of its events,
 * written here as OpenAI's server-sent events.
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

async function forward(assistants: AssistantClient, route: AssistantRoute, request: Request, response: Response): Promise<void> {
  if (route.beta) assertAssistantsV2(request);
  const principal = principalOf(response);
  const answer = await assistants.invoke(
    {
      caller: { projectId: principal.projectId, keyId: principal.keyId, principalJson: JSON.stringify(principal) },
      operation: route.operation,
      params: stringRecord(request.params),
      query: stringRecord(request.query),
      bodyJson: request.method === "POST" ? JSON.stringify(request.body ?? {}) : "",
    },
    // A run or response makes model calls before it answers: as long as a chat completion may take.
    { requestId: locals(response).requestId, deadlineMs: 600_000 },
  );
  if (answer.events.length === 0) {
    response.type("application/json").send(answer.bodyJson);
    return;
  }
  response.status(200).set({ "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  for (const event of answer.events) response.write(`event: ${event.event}\ndata: ${event.dataJson}\n\n`);
  response.end();
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

import type { ServiceHandlers } from "@llm-serve/grpc";
import type { assistantV1 } from "@llm-serve/proto";
import { getAssistant } from "../domain/assistant.js";
import type { AssistantStore } from "../store/assistant-store.js";

export function createAssistantHandlers(deps: { assistants: AssistantStore }): ServiceHandlers<typeof assistantV1.AssistantServiceService> {
  return {
    getAssistant: async (request) => {
      const assistant = await getAssistant(deps, { id: request.id });
      return { assistant: { id: assistant.id, model: assistant.model, name: assistant.name, createdAtMs: assistant.createdAt.getTime() } };
    },
  };
}

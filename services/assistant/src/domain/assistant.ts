import { AppError } from "@llm-serve/common";
import type { AssistantStore } from "../store/assistant-store.js";

export interface AssistantRecord {
  id: string;
  model: string;
  name: string;
  createdAt: Date;
}

export async function getAssistant(deps: { assistants: AssistantStore }, input: { id: string }): Promise<AssistantRecord> {
  const assistant = await deps.assistants.find(input.id);
  if (!assistant) throw new AppError("not_found", `assistant ${input.id} does not exist`);
  return assistant;
}

import { AppError } from "@llm-serve/common";
import type { StoredUsageEvent } from "./usage-event.js";
import type { UsageStore } from "../store/usage-store.js";

export async function getUsageEvent(deps: { usage: UsageStore }, input: { eventId: string }): Promise<StoredUsageEvent> {
  const found = await deps.usage.find(input.eventId);
  if (!found) throw new AppError("not_found", `usage event ${input.eventId} has not been recorded`);
  return found;
}

import { AppError } from "@llm-serve/common";
import { announceSafely } from "./create-policy.js";
import type { QuotaDeps } from "./quota-deps.js";

export async function deletePolicy(deps: Pick<QuotaDeps, "policies" | "announce" | "logger">, input: { id: string }): Promise<void> {
  if (!(await deps.policies.delete(input.id))) throw new AppError("not_found", `quota policy ${input.id} does not exist`, { details: { param: "id" } });
  await announceSafely(deps);
}

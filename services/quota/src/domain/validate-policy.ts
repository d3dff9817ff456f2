import { AppError } from "@llm-serve/common";
import { hasAnyLimit, policySpecSchema, specFromParsed, type PolicySpec } from "@llm-serve/quota-engine";

/** Validates a written policy, naming every problem at once (AppError `invalid_request`). */
export function validatePolicy(input: unknown): PolicySpec {
  const parsed = policySpecSchema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => ({ param: issue.path.join(".") || "policy", message: issue.message }));
  if (parsed.success) {
    const spec = specFromParsed(parsed.data);
    if (spec.scopeId === "") problems.push({ param: "scope_id", message: "names the org, project or key the policy limits" });
    if (!hasAnyLimit(spec)) problems.push({ param: "policy", message: "sets no limit (requests_per_minute, tokens_per_minute, token_budget, cost_budget or max_concurrent_requests)" });
    if (problems.length === 0) return spec;
  }
  const summary = problems.map((problem) => `${problem.param}: ${problem.message}`).join("; ");
  throw new AppError("invalid_request", `Invalid quota policy: ${summary}`, { details: { param: problems[0]?.param, problems } });
}

import { AppError } from "@llm-serve/common";
import type { AlertRule } from "./alert-rule.js";
import { secretContext, type AlertRuleDeps } from "./alert-deps.js";
import { validateAlertRule, type AlertRuleInput } from "./validate-alert-rule.js";

export async function createAlertRule(deps: AlertRuleDeps, input: { scope: string; rule: AlertRuleInput }): Promise<AlertRule> {
  const fields = validateAlertRule(input.rule, input.scope);
  const id = deps.newRuleId();
  await deps.rules.insert({ ...fields, id, webhookSecretSealed: sealSecret(deps, id, input.rule.webhookSecret) });
  return (await deps.rules.find(id, ""))!;
}

/** Seals a webhook secret bound to its rule; without SECRETS_KEY a secret cannot be kept, so it is refused. */
export function sealSecret(deps: AlertRuleDeps, ruleId: string, secret: string): string | null {
  if (secret === "") return null;
  if (secret.length < 16) throw new AppError("invalid_request", "webhook_secret: at least 16 characters", { details: { param: "webhook_secret" } });
  if (!deps.secrets) throw new AppError("invalid_request", "webhook_secret: this platform has no SECRETS_KEY on its analytics service, so a secret cannot be stored", { details: { param: "webhook_secret" } });
  return deps.secrets.seal(secret, secretContext(ruleId));
}

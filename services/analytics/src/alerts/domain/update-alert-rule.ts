import { AppError } from "@llm-serve/common";
import type { AlertRule } from "./alert-rule.js";
import type { AlertRuleDeps } from "./alert-deps.js";
import { sealSecret } from "./create-alert-rule.js";
import { validateAlertRule, type AlertRuleInput } from "./validate-alert-rule.js";

/** Replaces a rule's fields; an empty `webhookSecret` keeps the stored one. */
export async function updateAlertRule(deps: AlertRuleDeps, input: { scope: string; id: string; rule: AlertRuleInput }): Promise<AlertRule> {
  const existing = await deps.rules.find(input.id, input.scope);
  if (!existing) throw new AppError("not_found", `No alert rule ${input.id}.`);
  const fields = validateAlertRule({ ...input.rule, orgId: input.scope ? input.scope : input.rule.orgId }, input.scope);
  const sealed = input.rule.webhookSecret === "" ? existing.webhookSecretSealed : sealSecret(deps, existing.id, input.rule.webhookSecret);
  await deps.rules.update(existing.id, input.scope, { ...fields, webhookSecretSealed: fields.webhookUrl ? sealed : null });
  return (await deps.rules.find(existing.id, input.scope))!;
}

import type { SecretBox } from "@llm-serve/common";
import type { AlertRuleStore } from "../store/alert-rule-store.js";
import type { IncidentStore } from "../store/incident-store.js";

export interface AlertRuleDeps {
  rules: AlertRuleStore;
  /** The rules' firing history. */
  incidents: IncidentStore;
  /** Seals webhook secrets; undefined when SECRETS_KEY is not configured (a secret is then refused). */
  secrets: SecretBox | undefined;
  newRuleId: () => string;
}

/** The associated data binding a sealed webhook secret to its rule (a copied value opens nowhere else). */
export const secretContext = (ruleId: string) => ["alert-rule", ruleId, "webhook-secret"] as const;

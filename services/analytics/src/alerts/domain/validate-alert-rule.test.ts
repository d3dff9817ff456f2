import { describe, expect, it } from "vitest";
import { validateAlertRule, type AlertRuleInput } from "./validate-alert-rule.js";

const input = (fields: Partial<AlertRuleInput>): AlertRuleInput => ({
  name: "errors",
  kind: "error_rate",
  model: "",
  deployment: "",
  service: "",
  threshold: 50,
  windowSeconds: 60,
  minRequests: 1,
  webhookUrl: "",
  webhookSecret: "",
  enabled: true,
  orgId: "",
  budgetMicros: 0,
  currency: "",
  period: "",
  projectId: "",
  keyId: "",
  ...fields,
});

describe("validateAlertRule", () => {
  it("keeps a tenant's rules in its org, whatever org it names", () => {
    expect(validateAlertRule(input({ orgId: "org_other" }), "org_mine").orgId).toBe("org_mine");
    expect(validateAlertRule(input({ orgId: "org_any" }), "").orgId).toBe("org_any");
  });

  it("refuses tenants' webhooks into the internal network, and plain http", () => {
    for (const url of ["https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.0.1/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://localhost:8848/nacos", "http://hooks.example.com/x"]) {
      expect(() => validateAlertRule(input({ webhookUrl: url }), "org_mine"), url).toThrow(/webhook_url/);
    }
    expect(validateAlertRule(input({ webhookUrl: "https://hooks.example.com/x" }), "org_mine").webhookUrl).toBe("https://hooks.example.com/x");
    // Platform admins may use an internal incident tool.
    expect(validateAlertRule(input({ webhookUrl: "http://127.0.0.1:9000/x" }), "").webhookUrl).toBe("http://127.0.0.1:9000/x");
  });

  it("refuses service rules to tenants, credentials in URLs, and out-of-range values", () => {
    expect(() => validateAlertRule(input({ kind: "no_healthy_instance", service: "billing" }), "org_mine")).toThrow(/platform admins/);
    expect(() => validateAlertRule(input({ webhookUrl: "https://user:pass@hooks.example.com/" }), "")).toThrow(/credentials/);
    expect(() => validateAlertRule(input({ threshold: 150 }), "")).toThrow(/percent/);
    expect(() => validateAlertRule(input({ kind: "sometimes" }), "")).toThrow(/kind/);
  });
});

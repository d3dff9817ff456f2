import { randomUUID } from "node:crypto";
import { SecretBox, type Environment, type Knex } from "@llm-serve/common";
import type { ServiceRuntime } from "@llm-serve/grpc";
import { alertsV1 } from "@llm-serve/proto";
import type { LedgerCosts } from "../domain/ledger-costs.js";
import { loadAlertConfig } from "./alert-config.js";
import { evaluateRules } from "./evaluation/alert-evaluator.js";
import { followModelStatuses } from "./evaluation/model-status-consumer.js";
import { UsageSignals } from "./evaluation/usage-signals.js";
import { createAlertRuleHandlers } from "./handlers/alert-rule-handlers.js";
import { AlertRuleStore } from "./store/alert-rule-store.js";
import { IncidentStore } from "./store/incident-store.js";
import { ModelStatusStore } from "./store/model-status-store.js";
import { DeliveryStore } from "./webhooks/delivery-store.js";
import { sendDueWebhooks } from "./webhooks/webhook-sender.js";

export { alertTablesMigration } from "./store/alert-migration.js";

/**
 * Alerting (ADR 0023): the AlertRuleService on the analytics gRPC server, the evaluator of every
 * enabled rule, the outbox relay of alert events, and the webhook sender. Call before runtime.start().
 */
export async function createAlerting(runtime: ServiceRuntime, db: Knex, env: Environment, service: string, costs: LedgerCosts): Promise<void> {
  const config = loadAlertConfig(env);
  const secrets = config.SECRETS_KEY ? new SecretBox(config.SECRETS_KEY) : undefined;
  const rules = new AlertRuleStore(db);
  runtime.grpc.addService(alertsV1.AlertRuleServiceService, createAlertRuleHandlers({ rules, incidents: new IncidentStore(db), secrets, newRuleId: () => `alert_${randomUUID().replaceAll("-", "")}` }));
  const relay = runtime.startOutboxRelay(db);
  const modelStatuses = new ModelStatusStore(db);
  const statusSubscription = await followModelStatuses(runtime.bus, modelStatuses);
  runtime.lifecycle.onShutdown("alert-model-status-consumer", () => statusSubscription.stop());
  const logger = runtime.logger.child({ component: "alerting" });
  const settings = { timeoutMs: config.ALERT_WEBHOOK_TIMEOUT_MS, maxAttempts: config.ALERT_WEBHOOK_MAX_ATTEMPTS, backoffMs: config.ALERT_WEBHOOK_BACKOFF_MS, maxBackoffMs: 300_000 };
  const sender = repeat(config.ALERT_WEBHOOK_POLL_MS, () => sendDueWebhooks({ deliveries: new DeliveryStore(db), secrets, settings, logger }), logger, "webhooks");
  const evaluator = repeat(
    config.ALERT_EVALUATION_INTERVAL_MS,
    () =>
      evaluateRules({
        rules,
        incidents: new IncidentStore(db),
        sources: { usage: new UsageSignals(db), modelStatuses, nacos: runtime.nacos, nacosGroup: runtime.config.NACOS_GROUP, costs, clock: Date.now },
        events: { source: service, namespace: runtime.config.EVENT_NAMESPACE },
        logger,
        onTransition: () => {
          relay.kick();
          sender.kick();
        },
      }),
    logger,
    "evaluation",
  );
  // Registered after the database: they stop before it closes.
  runtime.lifecycle.onShutdown("alert-evaluator", () => evaluator.stop());
  runtime.lifecycle.onShutdown("alert-webhooks", () => sender.stop());
}

/** Runs `task` every `intervalMs` (never two at once) and on `kick()`; 0 = only on kicks. */
function repeat(intervalMs: number, task: () => Promise<unknown>, logger: ServiceRuntime["logger"], name: string) {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = task()
      .then(() => undefined, (error: unknown) => logger.warn({ err: error, task: name }, "alerting task failed"))
      .finally(() => (running = undefined));
  };
  const timer = intervalMs > 0 ? setInterval(run, intervalMs) : undefined;
  timer?.unref();
  return {
    kick: () => setImmediate(run),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

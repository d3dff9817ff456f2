import type { Logger, SecretBox } from "@llm-serve/common";
import { secretContext } from "../domain/alert-deps.js";
import type { DeliveryStore, DueDelivery } from "./delivery-store.js";
import { SIGNATURE_HEADER, signWebhook } from "./sign-webhook.js";

export interface WebhookSettings {
  timeoutMs: number;
  maxAttempts: number;
  /** First retry delay; each further one doubles, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface WebhookSenderDeps {
  deliveries: DeliveryStore;
  secrets: SecretBox | undefined;
  settings: WebhookSettings;
  logger: Logger;
}

const BATCH = 20;

/**
 * Sends the due webhook deliveries once each: a 2xx answer within the timeout delivers it; anything
 * else is retried with exponential backoff, up to `maxAttempts`. Receivers deduplicate retries by
 * the `llmserve-delivery` header (one id per incident and transition). Neither the secret nor the
 * signature is ever logged; a failure logs the URL's origin only.
 */
export async function sendDueWebhooks(deps: WebhookSenderDeps): Promise<number> {
  const { settings } = deps;
  const due = await deps.deliveries.claimDue(BATCH, settings.maxAttempts, settings.timeoutMs * 2);
  await Promise.all(due.map((delivery) => send(deps, delivery)));
  return due.length;
}

async function send(deps: WebhookSenderDeps, delivery: DueDelivery): Promise<void> {
  const { settings } = deps;
  const headers: Record<string, string> = { "content-type": "application/json", "llmserve-delivery": delivery.id, "llmserve-event": `alert.${delivery.transition}` };
  try {
    if (delivery.webhookSecretSealed !== null) {
      if (!deps.secrets) throw new Error("SECRETS_KEY is not configured: a signed webhook cannot be sent");
      const secret = deps.secrets.open(delivery.webhookSecretSealed, secretContext(delivery.ruleId));
      headers[SIGNATURE_HEADER] = signWebhook(secret, delivery.body, Math.floor(Date.now() / 1000));
    }
    const response = await fetch(delivery.url, { method: "POST", headers, body: delivery.body, redirect: "manual", signal: AbortSignal.timeout(settings.timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`answered ${response.status}`);
    await deps.deliveries.delivered(delivery.id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryInMs = Math.min(settings.backoffMs * 2 ** (delivery.attempts - 1), settings.maxBackoffMs);
    deps.logger.warn({ deliveryId: delivery.id, ruleId: delivery.ruleId, origin: originOf(delivery.url), attempt: delivery.attempts, error: message }, "alert webhook delivery failed");
    await deps.deliveries.failed(delivery.id, message, retryInMs);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "invalid";
  }
}

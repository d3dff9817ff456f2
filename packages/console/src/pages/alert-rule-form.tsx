import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { ErrorMessage, Field } from "../components/ui.js";
import { useI18n } from "../i18n.js";

const KINDS = ["error_rate", "latency_p99", "quota_exceeded", "model_status_error", "no_healthy_instance"] as const;

/** A new alert rule with its webhook (the signing secret is write-only: the API never returns it). */
export function AlertRuleForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ name: "", kind: "error_rate" as (typeof KINDS)[number], threshold: "5", window: "300", model: "", webhookUrl: "", webhookSecret: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      unwrap(
        await api.POST("/admin/alerts/rules", {
          body: {
            name: form.name,
            kind: form.kind,
            threshold: Number(form.threshold),
            window_seconds: Number(form.window),
            ...(form.model ? { model: form.model } : {}),
            ...(form.webhookUrl ? { webhook_url: form.webhookUrl } : {}),
            ...(form.webhookSecret ? { webhook_secret: form.webhookSecret } : {}),
          },
        }),
      );
      onCreated();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={(event) => void submit(event)} aria-label={t("alerts.create")}>
      <Field label={t("common.name")}>
        <input name="rule-name" value={form.name} onChange={set("name")} />
      </Field>
      <Field label={t("alerts.kind")}>
        <select name="rule-kind" value={form.kind} onChange={set("kind")}>
          {KINDS.map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
        </select>
      </Field>
      <Field label={t("alerts.threshold")}>
        <input name="rule-threshold" type="number" value={form.threshold} onChange={set("threshold")} />
      </Field>
      <Field label={t("alerts.window")}>
        <input name="rule-window" type="number" value={form.window} onChange={set("window")} />
      </Field>
      <Field label={t("usage.model")}>
        <input name="rule-model" value={form.model} onChange={set("model")} />
      </Field>
      <Field label={t("alerts.webhook")}>
        <input name="rule-webhook" type="url" value={form.webhookUrl} onChange={set("webhookUrl")} />
      </Field>
      <Field label={t("alerts.secret")}>
        <input name="rule-secret" type="password" autoComplete="off" value={form.webhookSecret} onChange={set("webhookSecret")} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("alerts.create")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

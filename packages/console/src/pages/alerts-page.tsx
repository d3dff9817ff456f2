import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { ConfirmButton, Empty, ErrorMessage, Field, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { AlertHistory } from "./alert-history.js";
import { AlertRuleForm } from "./alert-rule-form.js";

type Rule = Schemas["CreateAlertRuleResponse"];
type RuleInput = Schemas["CreateAlertRuleRequest"];
type Column = "id" | "name" | "kind" | "threshold" | "state";
const ruleColumn = (rule: Rule, column: Column) => rule[column];

/** Alert rules with whether each is firing now; each rule's webhook can be changed in place. */
export function AlertsPage() {
  const { t } = useI18n();
  const rules = usePagedList(async (after, order, limit) => unwrap(await api.GET("/admin/alerts/rules", { params: { query: listQuery(limit, after, order) } })), []);
  // Rules are listed by id: the ID column sorts on the server, across every page.
  const [rows, sorting] = useSorted(rules.items, ruleColumn, { column: "id", list: rules });
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t("alerts.title")}</h1>
      <AlertRuleForm onCreated={rules.reload} />
      <Loading when={rules.loading} />
      <ErrorMessage error={rules.error} />
      <Empty when={!rules.loading && !rules.error && rules.items.length === 0} />
      {rules.items.length > 0 ? (
        <table className="rules">
          <thead>
            <tr>
              <SortHeader column="id" label={t("common.id")} sorting={sorting} />
              <SortHeader column="name" label={t("common.name")} sorting={sorting} />
              <SortHeader column="kind" label={t("alerts.kind")} sorting={sorting} />
              <SortHeader column="threshold" label={t("alerts.threshold")} sorting={sorting} />
              <SortHeader column="state" label={t("alerts.firing")} sorting={sorting} />
              <th scope="col">{t("alerts.webhook")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((rule) => (
              <RuleRow key={rule.id} rule={rule} onChanged={rules.reload} />
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={rules} name={t("alerts.title")} />
    </section>
  );
}

function RuleRow({ rule, onChanged }: { rule: Rule; onChanged(): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <>
      <tr data-rule={rule.name}>
        <td>
          <code>{rule.id}</code>
        </td>
        <td>{rule.name}</td>
        <td>{rule.kind}</td>
        <td>{rule.threshold}</td>
        <td>
          <span className={`badge ${rule.state}`}>{rule.state}</span>
          {rule.enabled ? "" : ` ${t("alerts.disabled")}`}
        </td>
        <td className="webhook">
          {rule.webhook_url || "—"}
          {rule.webhook_secret_set ? <span className="muted"> · {t("alerts.signed")}</span> : null}
        </td>
        <td className="row-actions">
          <button type="button" aria-expanded={editing} aria-label={t("common.actionOn", { action: t("alerts.editWebhook"), name: rule.name })} onClick={() => setEditing(!editing)}>
            {t("alerts.editWebhook")}
          </button>
          <button type="button" aria-expanded={history} aria-label={t("common.actionOn", { action: t("alerts.history"), name: rule.name })} onClick={() => setHistory(!history)}>
            {t("alerts.history")}
          </button>
          <ConfirmButton
            label={t("common.delete")}
            name={t("common.actionOn", { action: t("common.delete"), name: rule.name })}
            question={t("alerts.deleteConfirm", { name: rule.name })}
            onConfirm={async () => {
              unwrap(await api.DELETE("/admin/alerts/rules/{ruleId}", { params: { path: { ruleId: rule.id } } }));
              onChanged();
            }}
          />
        </td>
      </tr>
      {editing ? (
        <tr className="editing">
          <td colSpan={7}>
            <WebhookForm rule={rule} onSaved={() => (setEditing(false), onChanged())} onCancel={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
      {history ? (
        <tr className="history">
          <td colSpan={7}>
            <AlertHistory ruleId={rule.id} ruleName={rule.name} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * The rule's webhook and whether it is enabled. PUT replaces the whole rule, so the other fields are
 * sent back as they are; an empty secret keeps the stored one (the API never returns it).
 */
function WebhookForm({ rule, onSaved, onCancel }: { rule: Rule; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState(rule.webhook_url);
  const [secret, setSecret] = useState("");
  const [enabled, setEnabled] = useState(rule.enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { name, model, deployment, service, threshold, window_seconds, min_requests, budget_micros, currency, project_id, key_id, org_id } = rule;
      // The view's kind and period are the values the API accepted (typed as plain strings there).
      const body = { name, model, deployment, service, threshold, window_seconds, min_requests, budget_micros, currency, project_id, key_id, org_id, kind: rule.kind as RuleInput["kind"], period: rule.period as RuleInput["period"] };
      unwrap(
        await api.PUT("/admin/alerts/rules/{ruleId}", {
          params: { path: { ruleId: rule.id } },
          body: { ...body, webhook_url: url.trim(), enabled, ...(secret ? { webhook_secret: secret } : {}) },
        }),
      );
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={(event) => void submit(event)} aria-label={t("alerts.editWebhook")}>
      <Field label={t("alerts.webhook")}>
        <input name="edit-webhook-url" type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
      </Field>
      <Field label={t("alerts.newSecret")}>
        <input name="edit-webhook-secret" type="password" autoComplete="off" value={secret} onChange={(event) => setSecret(event.target.value)} />
      </Field>
      <label className="check">
        <input name="edit-enabled" type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> {t("alerts.enabled")}
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("common.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

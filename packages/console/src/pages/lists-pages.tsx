import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { usePagedList } from "../components/paged-list.js";
import { ConfirmButton, Empty, ErrorMessage, Field, Loading, Pager } from "../components/ui.js";
import { AlertRuleForm } from "./alert-rule-form.js";
import { useI18n } from "../i18n.js";

/** Alert rules with whether each is firing now. */
export function AlertsPage() {
  const { t } = useI18n();
  const rules = usePagedList(async (after) => unwrap(await api.GET("/admin/alerts/rules", { params: { query: { limit: 20, after } } })), []);
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t("alerts.title")}</h1>
      <AlertRuleForm onCreated={rules.reload} />
      <Loading when={rules.loading} />
      <ErrorMessage error={rules.error} />
      <Empty when={!rules.loading && rules.items.length === 0} />
      {rules.items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("common.name")}</th>
              <th scope="col">{t("alerts.kind")}</th>
              <th scope="col">{t("alerts.threshold")}</th>
              <th scope="col">{t("alerts.firing")}</th>
              <th scope="col">{t("alerts.webhook")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rules.items.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.name}</td>
                <td>{rule.kind}</td>
                <td>{rule.threshold}</td>
                <td>
                  <span className={`badge ${rule.state}`}>{rule.state}</span>
                </td>
                <td>{rule.webhook_url || "—"}</td>
                <td>
                  <ConfirmButton
                    label={t("common.delete")}
                    question={t("alerts.deleteConfirm", { name: rule.name })}
                    onConfirm={async () => {
                      unwrap(await api.DELETE("/admin/alerts/rules/{ruleId}", { params: { path: { ruleId: rule.id } } }));
                      rules.reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={rules} />
    </section>
  );
}

/** The audit trail, searchable by action and resource type. */
export function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState({ action: "", resourceType: "" });
  const [applied, setApplied] = useState(filters);
  const records = usePagedList(
    async (after) =>
      unwrap(
        await api.GET("/admin/audit", {
          params: { query: { limit: 20, after, ...(applied.action ? { action: applied.action } : {}), ...(applied.resourceType ? { resource_type: applied.resourceType } : {}) } },
        }),
      ),
    [applied],
  );
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <form className="inline-form" onSubmit={(event: FormEvent) => (event.preventDefault(), setApplied(filters))}>
        <Field label={t("audit.action")}>
          <input name="action" value={filters.action} onChange={(event) => setFilters({ ...filters, action: event.target.value })} />
        </Field>
        <Field label={t("audit.resourceType")}>
          <input name="resource-type" value={filters.resourceType} onChange={(event) => setFilters({ ...filters, resourceType: event.target.value })} />
        </Field>
        <button type="submit">{t("audit.search")}</button>
      </form>
      <Loading when={records.loading} />
      <ErrorMessage error={records.error} />
      <Empty when={!records.loading && records.items.length === 0} />
      {records.items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.resource")}</th>
            </tr>
          </thead>
          <tbody>
            {records.items.map((record) => (
              <tr key={record.id}>
                <td>{record.occurred_at ?? "—"}</td>
                <td>{record.action}</td>
                <td>
                  {record.actor.role} {record.actor.id}
                </td>
                <td>
                  {record.resource.type} {record.resource.id}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={records} />
    </section>
  );
}

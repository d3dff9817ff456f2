import { api, unwrap } from "../api/client.js";
import { usePagedList } from "../components/paged-list.js";
import { ConfirmButton, Empty, ErrorMessage, Loading, Pager } from "../components/ui.js";
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

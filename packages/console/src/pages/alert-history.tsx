import { api, unwrap } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { Empty, ErrorMessage, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";

const firedAt = (incident: { fired_at: string }) => incident.fired_at;

/** A rule's firing history (GET /admin/alerts/rules/{ruleId}/incidents): newest first, paged; "Fired at" turns it around on the server. */
export function AlertHistory({ ruleId, ruleName }: { ruleId: string; ruleName: string }) {
  const { t } = useI18n();
  const incidents = usePagedList(
    async (after, order, limit) => unwrap(await api.GET("/admin/alerts/rules/{ruleId}/incidents", { params: { path: { ruleId }, query: listQuery(limit, after, order) } })),
    [ruleId],
    "desc",
  );
  const [rows, sorting] = useSorted(incidents.items, firedAt, { column: "fired", list: incidents });
  return (
    <div className="alert-history" aria-label={t("alerts.history")}>
      <Loading when={incidents.loading} />
      <ErrorMessage error={incidents.error} />
      <Empty when={!incidents.loading && !incidents.error && incidents.items.length === 0} />
      {incidents.items.length > 0 ? (
        <table className="incidents">
          <thead>
            <tr>
              <SortHeader column="fired" label={t("alerts.firedAt")} sorting={sorting} />
              <th scope="col">{t("alerts.value")}</th>
              <th scope="col">{t("alerts.resolvedAt")}</th>
              <th scope="col">{t("alerts.value")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((incident) => (
              <tr key={incident.id} data-incident={incident.state}>
                <td>{new Date(incident.fired_at).toLocaleString()}</td>
                <td>{incident.fired_value}</td>
                <td>{incident.resolved_at ? new Date(incident.resolved_at).toLocaleString() : t("alerts.stillFiring")}</td>
                <td>{incident.resolved_value ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={incidents} name={`${t("alerts.history")}: ${ruleName}`} />
    </div>
  );
}

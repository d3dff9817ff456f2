import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { Empty, ErrorMessage, Field, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";

type Record = Schemas["AuditRecord"];
type Column = "when" | "action" | "actor" | "resource";
const recordColumn = (record: Record, column: Column) =>
  column === "when" ? record.sequence : column === "actor" ? `${record.actor.role} ${record.actor.id}` : column === "resource" ? `${record.resource.type} ${record.resource.id}` : record.action;

const EMPTY = { action: "", resourceType: "", resourceId: "", actor: "", since: "", until: "" };

/** The query the API filters by: only the fields filled in; times from the browser's zone to ISO 8601. */
function auditQuery(filters: typeof EMPTY) {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.resourceType ? { resource_type: filters.resourceType } : {}),
    ...(filters.resourceId ? { resource_id: filters.resourceId } : {}),
    ...(filters.actor ? { actor_id: filters.actor } : {}),
    ...(filters.since ? { since: new Date(filters.since).toISOString() } : {}),
    ...(filters.until ? { until: new Date(filters.until).toISOString() } : {}),
  };
}

/** The audit trail, newest first (or oldest first, by its When column), searchable by action, resource, actor and time. */
export function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState(EMPTY);
  const [applied, setApplied] = useState(EMPTY);
  const records = usePagedList(async (after, order, limit) => unwrap(await api.GET("/admin/audit", { params: { query: { ...listQuery(limit, after, order), ...auditQuery(applied) } } })), [applied], "desc");
  // "When" is the trail's own order (its sequence): sorted by the server, across every page.
  const [rows, sorting] = useSorted(records.items, recordColumn, { column: "when", list: records });
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFilters({ ...filters, [name]: event.target.value.trim() });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <form className="grid-form" onSubmit={(event: FormEvent) => (event.preventDefault(), setApplied(filters))} aria-label={t("audit.search")}>
        <Field label={t("audit.action")}>
          <input name="action" value={filters.action} onChange={set("action")} placeholder="key.revoke" />
        </Field>
        <Field label={t("audit.resourceType")}>
          <input name="resource-type" value={filters.resourceType} onChange={set("resourceType")} />
        </Field>
        <Field label={t("audit.resourceId")}>
          <input name="resource-id" value={filters.resourceId} onChange={set("resourceId")} />
        </Field>
        <Field label={t("audit.actorId")}>
          <input name="actor-id" value={filters.actor} onChange={set("actor")} />
        </Field>
        <Field label={t("usage.start")}>
          <input name="since" type="datetime-local" value={filters.since} onChange={set("since")} />
        </Field>
        <Field label={t("usage.end")}>
          <input name="until" type="datetime-local" value={filters.until} onChange={set("until")} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={records.loading}>
            {t("audit.search")}
          </button>
          <button type="button" onClick={() => (setFilters(EMPTY), setApplied(EMPTY))}>
            {t("audit.clear")}
          </button>
        </div>
      </form>
      <Loading when={records.loading} />
      <ErrorMessage error={records.error} />
      <Empty when={!records.loading && !records.error && records.items.length === 0} />
      {records.items.length > 0 ? (
        <table className="audit">
          <thead>
            <tr>
              <SortHeader column="when" label={t("audit.when")} sorting={sorting} />
              <SortHeader column="action" label={t("audit.action")} sorting={sorting} />
              <SortHeader column="actor" label={t("audit.actor")} sorting={sorting} />
              <SortHeader column="resource" label={t("audit.resource")} sorting={sorting} />
            </tr>
          </thead>
          <tbody>
            {rows.map((record) => (
              <tr key={record.id} data-action={record.action}>
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

import { useEffect, useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { useSorted } from "../components/sorting.js";
import { ConfirmButton, Empty, ErrorMessage, Field, Loading, Pager, UsageBar } from "../components/ui.js";
import { useI18n, type MessageKey } from "../i18n.js";

type Scope = "org" | "project" | "key";
type PolicyColumn = "scope" | "scope_id" | "model" | "id";
const policyColumn = (policy: Schemas["QuotaPolicy"], column: PolicyColumn) => policy[column] ?? "";

/** Quota policies per org, project and key (optionally per model), each with its usage against its limits. */
export function QuotasPage() {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope | "">("");
  const [scopeId, setScopeId] = useState("");
  // Bumped by "Refresh": the list and every policy's usage bars load again.
  const [refreshes, setRefreshes] = useState(0);
  const policies = usePagedList(
    async (after, order, limit) => unwrap(await api.GET("/admin/quota/policies", { params: { query: { ...listQuery(limit, after, order), ...(scope ? { scope } : {}), ...(scopeId ? { scope_id: scopeId } : {}) } } })),
    [scope, scopeId, refreshes],
  );
  // Policies are listed by id: sorting by id asks the server (every page); the others sort this page.
  const [rows, sorting] = useSorted(policies.items, policyColumn, { column: "id", list: policies });
  return (
    <section aria-labelledby="quotas-title">
      <h1 id="quotas-title">{t("quotas.title")}</h1>
      <div className="inline-form">
        <Field label={t("quotas.filterScope")}>
          <select name="filter-scope" value={scope} onChange={(event) => setScope(event.target.value as Scope | "")}>
            <option value="">—</option>
            <option value="org">org</option>
            <option value="project">project</option>
            <option value="key">key</option>
          </select>
        </Field>
        <Field label={t("quotas.filterScopeId")}>
          <input name="filter-scope-id" value={scopeId} onChange={(event) => setScopeId(event.target.value.trim())} />
        </Field>
        <Field label={t("common.sortOrder")}>
          <select
            name="policy-sort"
            value={`${sorting.column ?? "id"}:${sorting.descending ? "desc" : "asc"}`}
            title={t("quotas.sortReach")}
            aria-description={t("quotas.sortReach")}
            onChange={(event) => {
              const [column, direction] = event.target.value.split(":") as [PolicyColumn, string];
              sorting.set(column, direction === "desc");
            }}
          >
            {(["scope", "scope_id", "model", "id"] as const).flatMap((column) =>
              ["asc", "desc"].map((direction) => (
                <option key={`${column}:${direction}`} value={`${column}:${direction}`}>
                  {t(`quotas.sort.${column}` as MessageKey)} {direction === "asc" ? "▲" : "▼"}
                </option>
              )),
            )}
          </select>
        </Field>
      </div>
      <button type="button" onClick={() => setRefreshes((value) => value + 1)}>
        {t("common.refresh")}
      </button>
      <CreatePolicyForm onCreated={policies.reload} />
      <Loading when={policies.loading} />
      <ErrorMessage error={policies.error} />
      <Empty when={!policies.loading && policies.items.length === 0} />
      <ul className="policies">
        {rows.map((policy) => (
          <PolicyCard key={`${policy.id}-${refreshes}`} policy={policy} onDeleted={policies.reload} />
        ))}
      </ul>
      <Pager list={policies} />
    </section>
  );
}

function PolicyCard({ policy, onDeleted }: { policy: Schemas["QuotaPolicy"]; onDeleted(): void }) {
  const { t } = useI18n();
  const [usage, setUsage] = useState<Schemas["QuotaUsage"][]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.GET("/admin/quota/policies/{policyId}/usage", { params: { path: { policyId: policy.id } } }).then(
      (answer) => setUsage(unwrap(answer).data),
      (failure: unknown) => setError(failure),
    );
  }, [policy.id]);
  return (
    <li className="policy" data-policy-id={policy.id}>
      <header>
        <strong>
          {policy.scope} {policy.scope_id}
        </strong>
        {policy.model ? <span className="policy-model"> · {policy.model}</span> : null}
        <code className="muted"> {policy.id}</code>
      </header>
      <ErrorMessage error={error} />
      {(usage ?? []).map((line) => (
        <UsageBar key={line.dimension} used={line.used + line.held} limit={line.limit} label={t("quotas.usage", { used: line.used, limit: line.limit, dimension: line.dimension })} />
      ))}
      <ConfirmButton
        label={t("common.delete")}
        name={t("common.actionOn", { action: t("common.delete"), name: policy.id })}
        question={t("quotas.deleteConfirm", { id: policy.id })}
        onConfirm={async () => {
          unwrap(await api.DELETE("/admin/quota/policies/{policyId}", { params: { path: { policyId: policy.id } } }));
          onDeleted();
        }}
      />
    </li>
  );
}

function CreatePolicyForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ scope: "key" as Scope, scopeId: "", model: "", limit: "", period: "month", rpm: "", tpm: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      unwrap(
        await api.POST("/admin/quota/policies", {
          body: {
            scope: form.scope,
            scope_id: form.scopeId,
            ...(form.model.trim() ? { model: form.model.trim() } : {}),
            ...(form.limit ? { token_budget: { limit: Number(form.limit), period: form.period as "month" } } : {}),
            ...(form.rpm ? { requests_per_minute: Number(form.rpm) } : {}),
            ...(form.tpm ? { tokens_per_minute: Number(form.tpm) } : {}),
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
    <form className="grid-form" onSubmit={(event) => void submit(event)} aria-label={t("quotas.create")}>
      <Field label={t("quotas.scope")}>
        <select name="scope" value={form.scope} onChange={(event) => setForm({ ...form, scope: event.target.value as Scope })}>
          <option value="org">org</option>
          <option value="project">project</option>
          <option value="key">key</option>
        </select>
      </Field>
      <Field label={t("quotas.scopeId")}>
        <input name="scope-id" value={form.scopeId} onChange={(event) => setForm({ ...form, scopeId: event.target.value })} />
      </Field>
      <Field label={t("quotas.model")}>
        <input name="policy-model" value={form.model} onChange={(event) => setForm({ ...form, model: event.target.value })} placeholder={t("quotas.anyModel")} />
      </Field>
      <Field label={t("quotas.limit")}>
        <input name="limit" type="number" value={form.limit} onChange={(event) => setForm({ ...form, limit: event.target.value })} />
      </Field>
      <Field label={t("quotas.period")}>
        <select name="period" value={form.period} onChange={(event) => setForm({ ...form, period: event.target.value })}>
          <option value="day">day</option>
          <option value="month">month</option>
        </select>
      </Field>
      <Field label={t("quotas.rpm")}>
        <input name="rpm" type="number" value={form.rpm} onChange={(event) => setForm({ ...form, rpm: event.target.value })} />
      </Field>
      <Field label={t("quotas.tpm")}>
        <input name="tpm" type="number" value={form.tpm} onChange={(event) => setForm({ ...form, tpm: event.target.value })} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("quotas.create")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

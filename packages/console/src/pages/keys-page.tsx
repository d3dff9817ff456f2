import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { ConfirmButton, Empty, ErrorMessage, Field, Loading, Pager, UsageBar } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { KeyEditForm, KeyLimits, keyStatus } from "./key-edit-form.js";
import { OrganizationPicker } from "./organization-picker.js";

type ApiKey = Schemas["ApiKey"];

/** Organizations → projects → keys: create a key (shown once, with a copy button), see its quota, revoke it. */
export function KeysPage({ onKeyIssued }: { onKeyIssued(secret: string): void }) {
  const { t } = useI18n();
  const [projectId, setProjectId] = useState<string>();
  const [issued, setIssued] = useState<string>();
  // Bumped by "Refresh": the list and every key's quota bars load again.
  const [refreshes, setRefreshes] = useState(0);
  const keys = usePagedList(
    async (after, order, limit) => (projectId ? unwrap(await api.GET("/admin/projects/{projectId}/keys", { params: { path: { projectId }, query: listQuery(limit, after, order) } })) : { data: [], has_more: false, last_id: null }),
    [projectId, refreshes],
  );
  // A project's keys are listed by creation: the Created column sorts on the server, across every page.
  const [rows, sorting] = useSorted(keys.items, keyColumn, { column: "created", list: keys });
  const issue = (secret: string) => {
    setIssued(secret);
    onKeyIssued(secret);
    keys.reload();
  };
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">{t("nav.keys")}</h1>
      <OrganizationPicker onProject={setProjectId} />
      {projectId ? (
        <>
          <h2>{t("keys.keys")}</h2>
          <button type="button" onClick={() => setRefreshes((value) => value + 1)}>
            {t("common.refresh")}
          </button>
          <CreateKeyForm
            projectId={projectId}
            onCreated={issue}
          />
          {issued ? <IssuedKey secret={issued} onDismiss={() => setIssued(undefined)} /> : null}
          <Loading when={keys.loading} />
          <ErrorMessage error={keys.error} />
          <Empty when={!keys.loading && keys.items.length === 0} />
          {keys.items.length > 0 ? (
            <table className="keys">
              <thead>
                <tr>
                  <SortHeader column="name" label={t("common.name")} sorting={sorting} />
                  <th scope="col">{t("keys.key")}</th>
                  <SortHeader column="status" label={t("common.status")} sorting={sorting} />
                  <SortHeader column="created" label={t("common.created")} sorting={sorting} />
                  <th scope="col">{t("keys.quota")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((key) => (
                  <KeyRow key={`${key.id}-${refreshes}`} apiKey={key} onChanged={keys.reload} onRotated={issue} />
                ))}
              </tbody>
            </table>
          ) : null}
          <Pager list={keys} />
        </>
      ) : (
        <p className="empty">{t("keys.pickProject")}</p>
      )}
    </section>
  );
}

function keyColumn(key: ApiKey, column: "name" | "status" | "created"): string {
  return column === "status" ? keyStatus(key) : column === "created" ? (key.created_at ?? "") : key.name;
}

function KeyRow({ apiKey, onChanged, onRotated }: { apiKey: ApiKey; onChanged(): void; onRotated(secret: string): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // The form closes under the focus (its Cancel or Save goes away): the focus returns to the row's button.
  const closeForm = () => {
    editButton.current?.focus();
    setEditing(false);
  };
  return (
    <>
    <tr data-key-id={apiKey.id}>
      <td>
        {apiKey.name}
        <br />
        <KeyLimits apiKey={apiKey} />
      </td>
      <td>
        <code>{apiKey.redacted_value}</code>
      </td>
      <td>
        <span className={`badge ${keyStatus(apiKey)}`}>{keyStatus(apiKey)}</span>
      </td>
      <td>{apiKey.created_at ? new Date(apiKey.created_at).toLocaleString() : "—"}</td>
      <td>
        <KeyQuota keyId={apiKey.id} />
      </td>
      <td className="row-actions">
        {apiKey.status === "active" ? (
          <button type="button" ref={editButton} onClick={() => setEditing(!editing)} aria-expanded={editing} aria-label={t("common.actionOn", { action: t("keys.edit"), name: apiKey.name })}>
            {t("keys.edit")}
          </button>
        ) : null}
        {apiKey.status === "active" ? (
          <ConfirmButton
            label={t("keys.rotate")}
            name={t("common.actionOn", { action: t("keys.rotate"), name: apiKey.name })}
            question={t("keys.rotateConfirm", { name: apiKey.name })}
            onConfirm={async () => onRotated(unwrap(await api.POST("/admin/keys/{keyId}/rotate", { params: { path: { keyId: apiKey.id } }, body: {} })).key)}
          />
        ) : null}
        {apiKey.status === "active" ? (
          <ConfirmButton
            label={t("keys.revoke")}
            name={t("common.actionOn", { action: t("keys.revoke"), name: apiKey.name })}
            question={t("keys.revokeConfirm", { name: apiKey.name })}
            onConfirm={async () => {
              unwrap(await api.POST("/admin/keys/{keyId}/revoke", { params: { path: { keyId: apiKey.id } }, body: {} }));
              onChanged();
            }}
          />
        ) : null}
      </td>
    </tr>
    {editing ? (
      <tr className="editing" data-editing-key-id={apiKey.id}>
        <td colSpan={6}>
          <KeyEditForm apiKey={apiKey} onCancel={closeForm} onSaved={() => (closeForm(), onChanged())} />
        </td>
      </tr>
    ) : null}
    </>
  );
}

/** The key's own policies' usage, as bars (the quota service counts them as calls settle). */
export function KeyQuota({ keyId }: { keyId: string }) {
  const { t } = useI18n();
  const [usage, setUsage] = useState<Schemas["QuotaUsage"][]>();
  useEffect(() => {
    let current = true;
    (async () => {
      const policies = unwrap(await api.GET("/admin/quota/policies", { params: { query: { scope: "key", scope_id: keyId, limit: 10 } } }));
      const answers = await Promise.all(policies.data.map(async (policy) => unwrap(await api.GET("/admin/quota/policies/{policyId}/usage", { params: { path: { policyId: policy.id } } })).data));
      if (current) setUsage(answers.flat());
    })().catch(() => current && setUsage([]));
    return () => {
      current = false;
    };
  }, [keyId]);
  if (!usage) return <span className="muted">…</span>;
  if (usage.length === 0) return <span className="muted">{t("keys.noQuota")}</span>;
  return (
    <div className="quota-bars">
      {usage.map((line) => (
        <UsageBar key={`${line.policy_id}-${line.dimension}`} used={line.used + line.held} limit={line.limit} label={t("quotas.usage", { used: line.used, limit: line.limit, dimension: line.dimension })} />
      ))}
    </div>
  );
}

function CreateKeyForm({ projectId, onCreated }: { projectId: string; onCreated(secret: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [budget, setBudget] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const issued = unwrap(await api.POST("/admin/projects/{projectId}/keys", { params: { path: { projectId } }, body: { name } }));
      if (budget.trim()) {
        unwrap(await api.POST("/admin/quota/policies", { body: { scope: "key", scope_id: issued.id, token_budget: { limit: Number(budget), period: "month" } } }));
      }
      setName("");
      setBudget("");
      onCreated(issued.key);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <Field label={t("keys.newKey")}>
        <input name="key-name" value={name} required onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t("keys.budget")}>
        <input name="key-budget" type="number" min={1} value={budget} onChange={(event) => setBudget(event.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? t("common.working") : t("keys.createKey")}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

function IssuedKey({ secret, onDismiss }: { secret: string; onDismiss(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="issued" role="alert">
      <p>{t("keys.shownOnce")}</p>
      <code data-testid="issued-key">{secret}</code>
      {/* Shown once: the focus goes to its copy button (the create button it came from is busy, so disabled). */}
      <button type="button" autoFocus onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))}>
        {copied ? t("keys.copied") : t("keys.copy")}
      </button>
      <button type="button" onClick={onDismiss}>
        {t("keys.dismiss")}
      </button>
    </div>
  );
}

import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { useSortedOptions } from "../components/sorted-options.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { Empty, ErrorMessage, Field, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { ModelEditForm } from "./model-edit-form.js";

/** The providers the registry knows (packages/adapters); the API's message names any other. */
const label = (type: string) => type;
const PROVIDER_TYPES = ["mock", "openai", "azure-openai", "anthropic", "gemini", "deepseek", "dashscope", "zhipu", "moonshot", "baidu-qianfan", "baidu-wenxin", "ollama", "vllm", "openai-compatible"];

/** Model configs with their status (and its reason); create one, with the API's validation messages. */
export function ModelsPage() {
  const { t } = useI18n();
  const models = usePagedList(async (after, order, limit) => unwrap(await api.GET("/admin/models", { params: { query: { ...listQuery(limit, after, order), include_disabled: "true" } } })), []);
  const [rows, sorting] = useSorted(models.items, modelColumn, { column: "id", list: models });
  const providers = useSortedOptions(PROVIDER_TYPES, label);
  const [history, setHistory] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const edited = models.items.find((model) => model.id === editing);
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">{t("models.title")}</h1>
      <CreateModelForm onCreated={models.reload} />
      <Loading when={models.loading} />
      <ErrorMessage error={models.error} />
      <Empty when={!models.loading && models.items.length === 0} />
      {models.items.length > 0 ? (
        <table className="models">
          <thead>
            <tr>
              <SortHeader column="id" label={t("models.id")} sorting={sorting} />
              <SortHeader column="provider" label={t("models.provider")} sorting={sorting} />
              <SortHeader column="status" label={t("common.status")} sorting={sorting} />
              <th scope="col">{t("models.reason")}</th>
              <SortHeader column="version" label={t("models.version")} sorting={sorting} />
            </tr>
          </thead>
          <tbody>
            {rows.map((model) => (
              <tr key={model.id} data-model={model.id}>
                <td>{model.id}</td>
                <td>{model.provider_type}</td>
                <td>
                  <span className={`badge ${model.status}`}>{model.status}</span>
                </td>
                <td>{model.status_reason || "—"}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setHistory(history === model.id ? undefined : model.id)} aria-expanded={history === model.id} aria-label={t("common.actionOn", { action: `v${model.version} · ${t("models.history")}`, name: model.id })}>
                    v{model.version} · {t("models.history")}
                  </button>
                  <button type="button" onClick={() => setEditing(editing === model.id ? undefined : model.id)} aria-expanded={editing === model.id} aria-label={t("common.actionOn", { action: t("models.edit"), name: model.id })}>
                    {t("models.edit")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={models} name={t("models.title")} />
      {edited ? (
        <ModelEditForm
          key={`${edited.id}-${edited.version}`}
          model={edited}
          providers={providers}
          onCancel={() => setEditing(undefined)}
          onSaved={() => (setEditing(undefined), models.reload())}
        />
      ) : null}
      {history ? <ModelHistory key={`${history}-${edited?.version ?? ""}`} model={history} /> : null}
    </section>
  );
}

type ModelColumn = "id" | "provider" | "status" | "version";
function modelColumn(model: { id: string; provider_type: string; status: string; version: number }, column: ModelColumn): string | number {
  return column === "provider" ? model.provider_type : model[column];
}

/** A model's configuration history: every stored version, newest first (the API lists by version; `order=desc` turns it). */
function ModelHistory({ model }: { model: string }) {
  const { t } = useI18n();
  const versions = usePagedList(async (after, order, limit) => unwrap(await api.GET("/admin/models/{model}/versions", { params: { path: { model }, query: listQuery(limit, after, order) } })), [model], "desc");
  return (
    <section aria-label={t("models.history")} className="history">
      <h2>
        {t("models.history")}: {model}
      </h2>
      <Loading when={versions.loading} />
      <ErrorMessage error={versions.error} />
      <ul>
        {versions.items.map((version) => (
          <li key={version.version}>
            <code>v{version.version}</code> {version.change} · {new Date(version.changed_at * 1000).toISOString()} · {version.model?.deployments?.map((deployment) => `${deployment.id} (${deployment.provider_type} ${deployment.upstream_model})`).join(", ") ?? "—"}
          </li>
        ))}
      </ul>
      <Pager list={versions} name={`${t("models.history")}: ${model}`} />
    </section>
  );
}

function CreateModelForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const providers = useSortedOptions(PROVIDER_TYPES, label);
  const [form, setForm] = useState({ id: "", provider: "mock", upstream: "mock-1", deployment: "main", baseUrl: "", contextWindow: "8192", maxOutput: "1024", plan: "default" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const model = unwrap(
        await api.POST("/admin/models", {
          body: {
            id: form.id,
            price_plan_id: form.plan,
            capability: { endpoints: ["chat.completions"], context_window: Number(form.contextWindow), max_output_tokens: Number(form.maxOutput) },
            deployments: [{ id: form.deployment, provider_type: form.provider, upstream_model: form.upstream, ...(form.baseUrl ? { base_url: form.baseUrl } : {}) }],
          },
        }),
      );
      setCreated(model.id);
      onCreated();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={(event) => void submit(event)} aria-label={t("models.create")}>
      <h2>{t("models.create")}</h2>
      <Field label={t("models.id")}>
        <input name="model-id" value={form.id} onChange={set("id")} />
      </Field>
      <Field label={t("models.provider")}>
        <select name="provider" value={form.provider} onChange={set("provider")}>
          {providers.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </Field>
      <Field label={t("models.upstream")}>
        <input name="upstream-model" value={form.upstream} onChange={set("upstream")} />
      </Field>
      <Field label={t("models.deployment")}>
        <input name="deployment-id" value={form.deployment} onChange={set("deployment")} />
      </Field>
      <Field label={t("models.baseUrl")}>
        <input name="base-url" value={form.baseUrl} onChange={set("baseUrl")} />
      </Field>
      <Field label={t("models.contextWindow")}>
        <input name="context-window" type="number" value={form.contextWindow} onChange={set("contextWindow")} />
      </Field>
      <Field label={t("models.maxOutput")}>
        <input name="max-output" type="number" value={form.maxOutput} onChange={set("maxOutput")} />
      </Field>
      <Field label={t("models.pricePlan")}>
        <input name="price-plan" value={form.plan} onChange={set("plan")} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("common.create")}
        </button>
      </div>
      <ErrorMessage error={error} />
      {created ? (
        <p className="success" role="status">
          {t("models.created", { id: created })}
        </p>
      ) : null}
    </form>
  );
}

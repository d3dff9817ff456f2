import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { ErrorMessage, Field } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { listFromText } from "./key-edit-form.js";

type Model = Schemas["ModelConfig"];
type ModelBody = Schemas["CreateModelRequest"];
type DeploymentBody = ModelBody["deployments"][number];

interface DeploymentDraft {
  /** Stored deployments keep their id and provider; new ones name both. */
  stored: boolean;
  id: string;
  provider: string;
  upstream: string;
  baseUrl: string;
  weight: string;
  priority: string;
  enabled: boolean;
  /** Empty keeps the stored credentials (the API never returns them). */
  apiKey: string;
  options: DeploymentBody["options"];
  tags: string[];
  rpm: number;
  tpm: number;
}

/** The view lists every option with its zero value; the API takes only the ones set ("" is no auth mode). */
function setOptions(options: Model["deployments"][number]["options"]): DeploymentBody["options"] {
  const set = Object.entries(options ?? {}).filter(([, value]) => value !== "" && !(typeof value === "object" && value !== null && Object.keys(value).length === 0));
  return set.length > 0 ? (Object.fromEntries(set) as DeploymentBody["options"]) : undefined;
}

function draftOf(deployment: Model["deployments"][number]): DeploymentDraft {
  return {
    stored: true,
    id: deployment.id,
    provider: deployment.provider_type,
    upstream: deployment.upstream_model,
    baseUrl: deployment.base_url,
    weight: String(deployment.weight),
    priority: String(deployment.priority),
    enabled: deployment.enabled,
    apiKey: "",
    options: setOptions(deployment.options),
    tags: deployment.tags,
    rpm: deployment.rpm,
    tpm: deployment.tpm,
  };
}

const NEW_DEPLOYMENT: DeploymentDraft = { stored: false, id: "", provider: "mock", upstream: "", baseUrl: "", weight: "1", priority: "0", enabled: true, apiKey: "", options: undefined, tags: [], rpm: 0, tpm: 0 };

/** PUT replaces the whole configuration: what the form does not show is sent back as stored. */
function bodyOf(model: Model, form: { enabled: boolean; aliases: string; plan: string; contextWindow: string; maxOutput: string }, deployments: DeploymentDraft[]): ModelBody {
  const { timeouts, max_retries, bounds, default_parameters, override_parameters } = model.runtime;
  return {
    id: model.id,
    aliases: listFromText(form.aliases),
    owned_by: model.owned_by,
    description: model.description,
    enabled: form.enabled,
    price_plan_id: form.plan,
    ...(model.capability ? { capability: { ...model.capability, context_window: Number(form.contextWindow), max_output_tokens: Number(form.maxOutput) } } : {}),
    runtime: { ...(timeouts ? { timeouts } : {}), max_retries, ...(bounds ? { bounds } : {}), default_parameters, override_parameters },
    ...(model.routing ? { routing: model.routing } : {}),
    deployments: deployments.map((draft) => ({
      ...(draft.id ? { id: draft.id } : {}),
      provider_type: draft.provider,
      upstream_model: draft.upstream,
      ...(draft.baseUrl ? { base_url: draft.baseUrl } : {}),
      weight: Number(draft.weight),
      priority: Number(draft.priority),
      enabled: draft.enabled,
      tags: draft.tags,
      rpm: draft.rpm,
      tpm: draft.tpm,
      ...(draft.options ? { options: draft.options } : {}),
      ...(draft.apiKey ? { credentials: { api_key: draft.apiKey } } : {}),
    })),
  };
}

/** Edits a model and its deployments (add, change, remove) as one new version, refused if another admin saved first. */
export function ModelEditForm({ model, providers, onSaved, onCancel }: { model: Model; providers: string[]; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    enabled: model.enabled,
    aliases: model.aliases.join(", "),
    plan: model.price_plan_id,
    contextWindow: String(model.capability?.context_window ?? 0),
    maxOutput: String(model.capability?.max_output_tokens ?? 0),
  });
  const [deployments, setDeployments] = useState(model.deployments.map(draftOf));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const change = (index: number, patch: Partial<DeploymentDraft>) => setDeployments(deployments.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      unwrap(await api.PUT("/admin/models/{model}", { params: { path: { model: model.id }, query: { expected_version: model.version } }, body: bodyOf(model, form, deployments) }));
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form model-edit" onSubmit={(event) => void submit(event)} aria-label={t("models.editTitle", { id: model.id })}>
      <h2>{t("models.editTitle", { id: model.id })}</h2>
      <label className="check">
        <input name="model-enabled" type="checkbox" checked={form.enabled} onChange={(event) => setForm({ ...form, enabled: event.target.checked })} /> {t("alerts.enabled")}
      </label>
      <Field label={t("models.aliases")}>
        <input name="aliases" value={form.aliases} onChange={(event) => setForm({ ...form, aliases: event.target.value })} />
      </Field>
      <Field label={t("models.pricePlan")}>
        <input name="edit-price-plan" value={form.plan} onChange={(event) => setForm({ ...form, plan: event.target.value })} />
      </Field>
      <Field label={t("models.contextWindow")}>
        <input name="edit-context-window" type="number" value={form.contextWindow} onChange={(event) => setForm({ ...form, contextWindow: event.target.value })} />
      </Field>
      <Field label={t("models.maxOutput")}>
        <input name="edit-max-output" type="number" value={form.maxOutput} onChange={(event) => setForm({ ...form, maxOutput: event.target.value })} />
      </Field>
      <table className="deployment-drafts">
        <caption>{t("models.deployments")}</caption>
        <colgroup>
          {[12, 12, 14, 16, 8, 8, 7, 12, 11].map((percent, index) => (
            <col key={index} style={{ width: `${percent}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t("models.deployment")}</th>
            <th scope="col">{t("models.provider")}</th>
            <th scope="col">{t("models.upstream")}</th>
            <th scope="col">{t("models.baseUrl")}</th>
            <th scope="col">{t("models.weight")}</th>
            <th scope="col">{t("models.priority")}</th>
            <th scope="col">{t("alerts.enabled")}</th>
            <th scope="col">{t("models.newApiKey")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((draft, index) => (
            <tr key={index} data-draft={draft.stored ? draft.id : `new-${index}`}>
              <td>{draft.stored ? <code>{draft.id}</code> : <input aria-label={t("models.deployment")} name="draft-id" value={draft.id} onChange={(event) => change(index, { id: event.target.value })} />}</td>
              <td>
                {draft.stored ? (
                  draft.provider
                ) : (
                  <select aria-label={t("models.provider")} name="draft-provider" value={draft.provider} onChange={(event) => change(index, { provider: event.target.value })}>
                    {providers.map((type) => (
                      <option key={type}>{type}</option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                <input aria-label={t("models.upstream")} name="draft-upstream" value={draft.upstream} onChange={(event) => change(index, { upstream: event.target.value })} />
              </td>
              <td>
                <input aria-label={t("models.baseUrl")} name="draft-base-url" value={draft.baseUrl} onChange={(event) => change(index, { baseUrl: event.target.value })} />
              </td>
              <td>
                <input aria-label={t("models.weight")} name="draft-weight" type="number" min={0} className="narrow" value={draft.weight} onChange={(event) => change(index, { weight: event.target.value })} />
              </td>
              <td>
                <input aria-label={t("models.priority")} name="draft-priority" type="number" min={0} className="narrow" value={draft.priority} onChange={(event) => change(index, { priority: event.target.value })} />
              </td>
              <td>
                <input aria-label={t("alerts.enabled")} name="draft-enabled" type="checkbox" checked={draft.enabled} onChange={(event) => change(index, { enabled: event.target.checked })} />
              </td>
              <td>
                <input aria-label={t("models.newApiKey")} name="draft-api-key" type="password" autoComplete="off" placeholder={t("models.keepKey")} value={draft.apiKey} onChange={(event) => change(index, { apiKey: event.target.value })} />
              </td>
              <td>
                <button type="button" onClick={() => setDeployments(deployments.filter((_, at) => at !== index))}>
                  {t("models.removeDeployment")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => setDeployments([...deployments, NEW_DEPLOYMENT])}>
          {t("models.addDeployment")}
        </button>
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("models.saveVersion", { version: model.version + 1 })}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

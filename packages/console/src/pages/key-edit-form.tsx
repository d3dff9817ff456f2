import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { ErrorMessage, Field } from "../components/ui.js";
import { useI18n } from "../i18n.js";

type ApiKey = Schemas["ApiKey"];

/** A list typed as text: one entry per comma or line; blanks dropped. */
export function listFromText(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** `YYYY-MM-DDTHH:mm:ss` in the browser's time zone, for a datetime-local input that takes seconds. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * A key's scopes (models, endpoints), expiry and IP allow-list, sent whole as one PATCH: an empty
 * list means "no restriction", an empty expiry means "never". The API's own message names a bad entry.
 */
export function KeyEditForm({ apiKey, onSaved, onCancel }: { apiKey: ApiKey; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    models: apiKey.allowed_models.join(", "),
    endpoints: apiKey.allowed_endpoints.join(", "),
    expires: localInput(apiKey.expires_at),
    ips: apiKey.ip_allow_list.join("\n"),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      unwrap(
        await api.PATCH("/admin/keys/{keyId}", {
          params: { path: { keyId: apiKey.id } },
          body: {
            allowed_models: listFromText(form.models),
            allowed_endpoints: listFromText(form.endpoints),
            expires_at: form.expires ? new Date(form.expires).toISOString() : null,
            ip_allow_list: listFromText(form.ips),
          },
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
    <form className="grid-form key-edit" onSubmit={(event) => void submit(event)} aria-label={t("keys.editTitle", { name: apiKey.name })}>
      <h2>{t("keys.editTitle", { name: apiKey.name })}</h2>
      <Field label={t("keys.allowedModels")}>
        <input name="allowed-models" value={form.models} onChange={set("models")} placeholder={t("keys.anyHint")} />
      </Field>
      <Field label={t("keys.allowedEndpoints")}>
        <input name="allowed-endpoints" value={form.endpoints} onChange={set("endpoints")} placeholder={t("keys.anyHint")} />
      </Field>
      <Field label={t("keys.expiresAt")}>
        <input name="expires-at" type="datetime-local" step={1} value={form.expires} onChange={set("expires")} />
      </Field>
      <Field label={t("keys.ipAllowList")}>
        <textarea name="ip-allow-list" rows={2} value={form.ips} onChange={set("ips")} placeholder={t("keys.anyHint")} />
      </Field>
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

/**
 * The status a key's row shows: the API keeps an expired key `active` (its expiry is a limit, not a
 * state change), but every call with it is refused, so the console says `expired`.
 */
export function keyStatus(apiKey: ApiKey, now = Date.now()): string {
  return apiKey.status === "active" && apiKey.expires_at && Date.parse(apiKey.expires_at) <= now ? "expired" : apiKey.status;
}

/** What a key is limited to, in a few words for its row. */
export function KeyLimits({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useI18n();
  const parts = [
    apiKey.allowed_models.length > 0 ? `${t("keys.allowedModels")}: ${apiKey.allowed_models.join(", ")}` : "",
    apiKey.allowed_endpoints.length > 0 ? `${t("keys.allowedEndpoints")}: ${apiKey.allowed_endpoints.join(", ")}` : "",
    apiKey.ip_allow_list.length > 0 ? `IP: ${apiKey.ip_allow_list.join(", ")}` : "",
    apiKey.expires_at ? `${t("keys.expiresAt")}: ${new Date(apiKey.expires_at).toLocaleString()}` : "",
  ].filter(Boolean);
  return <span className="limits muted">{parts.length > 0 ? parts.join(" · ") : t("keys.unrestricted")}</span>;
}

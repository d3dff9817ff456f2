import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { usePagedList } from "../components/paged-list.js";
import { useSortedOptions } from "../components/sorted-options.js";
import { ErrorMessage, Field } from "../components/ui.js";
import { useI18n } from "../i18n.js";

interface StreamResult {
  text: string;
  deployment: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  cost?: string;
}

/**
 * A streamed chat through the public API (/v1/chat/completions) with an API key: the console has no
 * private way to call a model. Shows the deployment that served it and the call's estimated cost.
 */
export function PlaygroundPage({ lastKey }: { lastKey: string | undefined }) {
  const { t } = useI18n();
  const models = usePagedList(async (after) => unwrap(await api.GET("/admin/models", { params: { query: { limit: 100, after } } })), []);
  const [apiKey, setApiKey] = useState(lastKey ?? "");
  const [model, setModel] = useState("");
  const [prompt, setPrompt] = useState("");
  const [result, setResult] = useState<StreamResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const options = useSortedOptions(models.items, (item) => item.id);
  const chosen = model || options[0]?.id || "";
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const streamed = await streamChat(apiKey, chosen, prompt, (partial) => setResult(partial));
      const cost = streamed.usage ? await estimate(chosen, streamed.usage).catch(() => undefined) : undefined;
      setResult({ ...streamed, cost });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="playground-title">
      <h1 id="playground-title">{t("playground.title")}</h1>
      <form className="grid-form" onSubmit={(event) => void submit(event)}>
        <Field label={t("playground.apiKey")}>
          <input name="api-key" type="password" autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
        </Field>
        <Field label={t("playground.model")}>
          <select name="model" value={chosen} onChange={(event) => setModel(event.target.value)}>
            {options.map((item) => (
              <option key={item.id}>{item.id}</option>
            ))}
          </select>
        </Field>
        <Field label={t("playground.prompt")}>
          <textarea name="prompt" rows={3} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={busy || !apiKey || !chosen}>
            {busy ? t("common.working") : t("playground.send")}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {result ? (
        <div className="answer" aria-live="polite">
          <h2>{t("playground.answer")}</h2>
          <p data-testid="answer">{result.text}</p>
          {result.deployment ? <p className="muted">{t("playground.deployment", { deployment: result.deployment })}</p> : null}
          {result.usage ? <p className="muted">{t("playground.usage", { prompt: result.usage.prompt_tokens, completion: result.usage.completion_tokens })}</p> : null}
          {result.cost ? <p className="muted">{t("playground.cost", { cost: result.cost })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

async function streamChat(apiKey: string, model: string, prompt: string, onPartial: (result: StreamResult) => void): Promise<StreamResult> {
  const response = await fetch("/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: prompt }] }),
  });
  if (!response.ok || !response.body) {
    const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  }
  const result: StreamResult = { text: "", deployment: response.headers.get("x-llmserve-deployment") ?? "" };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const events = buffered.split("\n\n");
    buffered = events.pop() ?? "";
    for (const event of events) {
      const data = event.replace(/^data: ?/, "").trim();
      if (!data || data === "[DONE]") continue;
      const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string } }>; usage?: StreamResult["usage"] };
      result.text += chunk.choices?.[0]?.delta?.content ?? "";
      if (chunk.usage) result.usage = chunk.usage;
      onPartial({ ...result });
    }
  }
  return result;
}

/** Money is exact integers (micros): formatted here, never computed in floating point. */
export function formatMicros(micros: number, currency: string): string {
  const sign = micros < 0 ? "-" : "";
  const absolute = Math.abs(micros);
  return `${sign}${Math.floor(absolute / 1_000_000)}.${String(absolute % 1_000_000).padStart(6, "0")} ${currency}`;
}

async function estimate(model: string, usage: NonNullable<StreamResult["usage"]>): Promise<string> {
  const answer = unwrap(await api.POST("/admin/billing/estimate", { body: { model, usage: { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens } } }));
  return formatMicros(answer.amount_micros, answer.currency);
}

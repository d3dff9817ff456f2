import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { ErrorMessage, Field } from "../components/ui.js";
import { useI18n } from "../i18n.js";

/**
 * A decimal amount typed by a person ("2.5") as exact integer micro-units (2500000), without
 * floating point; undefined when it is not a plain non-negative decimal with at most six places.
 */
export function microsOf(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? "").padEnd(6, "0"));
}

interface Prices {
  effective: string;
  input: string;
  output: string;
}

/** One rule for every model: input and output prices per million tokens. A bad number is sent as is, for the API to name. */
function rulesOf(prices: Prices) {
  const input = microsOf(prices.input) ?? Number.NaN;
  const output = microsOf(prices.output) ?? Number.NaN;
  return [{ prices: { input_per_million: input, output_per_million: output } }];
}

function PriceFields({ prices, onChange }: { prices: Prices; onChange(prices: Prices): void }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("billing.effective")}>
        <input name="plan-effective" type="datetime-local" value={prices.effective} onChange={(event) => onChange({ ...prices, effective: event.target.value })} />
      </Field>
      <Field label={t("billing.inputPrice")}>
        <input name="plan-input" inputMode="decimal" value={prices.input} onChange={(event) => onChange({ ...prices, input: event.target.value })} />
      </Field>
      <Field label={t("billing.outputPrice")}>
        <input name="plan-output" inputMode="decimal" value={prices.output} onChange={(event) => onChange({ ...prices, output: event.target.value })} />
      </Field>
    </>
  );
}

function useSubmit(send: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    send().then(
      () => undefined,
      (failure: unknown) => setError(failure),
    ).finally(() => setBusy(false));
  };
  return { busy, error, submit };
}

const effectiveFrom = (local: string) => (local ? { effective_from: new Date(local).toISOString() } : {});

/** A new price plan with its first version (from now, or from the date given). */
export function PricePlanForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [plan, setPlan] = useState({ id: "", name: "", currency: "USD" });
  const [prices, setPrices] = useState<Prices>({ effective: "", input: "", output: "" });
  const { busy, error, submit } = useSubmit(async () => {
    unwrap(await api.POST("/admin/billing/plans", { body: { id: plan.id, name: plan.name, currency: plan.currency, ...effectiveFrom(prices.effective), rules: rulesOf(prices) } }));
    onCreated();
  });
  return (
    <form className="grid-form" onSubmit={submit} aria-label={t("billing.createPlan")}>
      <h2>{t("billing.createPlan")}</h2>
      <Field label={t("common.id")}>
        <input name="plan-id" value={plan.id} onChange={(event) => setPlan({ ...plan, id: event.target.value })} />
      </Field>
      <Field label={t("common.name")}>
        <input name="plan-name" value={plan.name} onChange={(event) => setPlan({ ...plan, name: event.target.value })} />
      </Field>
      <Field label={t("billing.currency")}>
        <input name="plan-currency" value={plan.currency} onChange={(event) => setPlan({ ...plan, currency: event.target.value })} />
      </Field>
      <PriceFields prices={prices} onChange={setPrices} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("billing.createPlan")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

/** Appends a version to a plan; it must take effect after the last one (versions are never edited). */
export function PlanVersionForm({ planId, onAdded, onCancel }: { planId: string; onAdded(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [prices, setPrices] = useState<Prices>({ effective: "", input: "", output: "" });
  const { busy, error, submit } = useSubmit(async () => {
    unwrap(await api.POST("/admin/billing/plans/{planId}/versions", { params: { path: { planId } }, body: { ...effectiveFrom(prices.effective), rules: rulesOf(prices) } }));
    onAdded();
  });
  return (
    <form className="grid-form" onSubmit={submit} aria-label={t("billing.addVersion")}>
      <PriceFields prices={prices} onChange={setPrices} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("billing.addVersion")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

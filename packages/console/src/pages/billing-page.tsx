import { useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { listQuery } from "../components/list-order.js";
import { usePagedList } from "../components/paged-list.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { ConfirmButton, Empty, ErrorMessage, Field, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { formatMicros } from "./playground-page.js";
import { PlanVersionForm, PricePlanForm } from "./price-plan-form.js";

type Plan = Schemas["PricePlan"];
type Bill = Schemas["Bill"];

const planColumn = (plan: Plan, column: "id" | "name" | "currency" | "effective") =>
  column === "effective" ? (plan.versions.at(-1)?.effective_from ?? "") : plan[column];
/** Bills in one currency sort by amount; the first total stands for the bill. */
const billColumn = (bill: Bill, column: "period" | "total") => (column === "period" ? bill.cycle_start : (bill.totals[0]?.amount_micros ?? 0));

/** Price plans (with their dated versions) and an organization's bills, each with its line items and CSV. */
export function BillingPage() {
  const { t } = useI18n();
  const plans = usePagedList(async (after, order, limit) => unwrap(await api.GET("/admin/billing/plans", { params: { query: listQuery(limit, after, order) } })), []);
  const [planRows, planSorting] = useSorted(plans.items, planColumn, { column: "id", list: plans });
  const [orgId, setOrgId] = useState("");
  const [shownOrg, setShownOrg] = useState("");
  const bills = usePagedList(
    async (after, order, limit) => (shownOrg ? unwrap(await api.GET("/admin/billing/bills", { params: { query: { org_id: shownOrg, ...listQuery(limit, after, order) } } })) : { data: [], has_more: false, last_id: null }),
    [shownOrg],
    "desc",
  );
  // Plans are listed by id and bills by cycle, newest first: those columns sort on the server.
  const [billRows, billSorting] = useSorted(bills.items, billColumn, { column: "period", list: bills });
  const [closed, setClosed] = useState<number>();
  return (
    <section aria-labelledby="billing-title">
      <h1 id="billing-title">{t("nav.billing")}</h1>
      <h2>{t("billing.plans")}</h2>
      <PricePlanForm onCreated={plans.reload} />
      <Loading when={plans.loading} />
      <ErrorMessage error={plans.error} />
      <Empty when={!plans.loading && !plans.error && plans.items.length === 0} />
      {plans.items.length > 0 ? (
        <table className="plans">
          <thead>
            <tr>
              <SortHeader column="id" label={t("common.id")} sorting={planSorting} />
              <SortHeader column="name" label={t("common.name")} sorting={planSorting} />
              <SortHeader column="currency" label={t("billing.currency")} sorting={planSorting} />
              <SortHeader column="effective" label={t("billing.effective")} sorting={planSorting} />
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {planRows.map((plan) => (
              <PlanRow key={plan.id} plan={plan} onChanged={plans.reload} />
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={plans} name={t("billing.plans")} />
      <h2>{t("billing.bills")}</h2>
      <form className="inline-form" onSubmit={(event: FormEvent) => (event.preventDefault(), setShownOrg(orgId.trim()))}>
        <Field label={t("billing.org")}>
          <input name="bill-org" value={orgId} onChange={(event) => setOrgId(event.target.value)} />
        </Field>
        <button type="submit">{t("audit.search")}</button>
        {shownOrg ? (
          <ConfirmButton
            label={t("billing.closeCycles")}
            question={t("billing.closeConfirm", { org: shownOrg })}
            onConfirm={async () => {
              const answer = unwrap(await api.POST("/admin/billing/cycles/close", { body: { org_id: shownOrg } }));
              setClosed(answer.data.length);
              bills.reload();
            }}
          />
        ) : null}
      </form>
      {closed !== undefined ? (
        <p className="success" role="status">
          {t("billing.closed", { count: closed })}
        </p>
      ) : null}
      <Loading when={bills.loading} />
      <ErrorMessage error={bills.error} />
      {shownOrg ? <Empty when={!bills.loading && !bills.error && bills.items.length === 0} /> : null}
      {bills.items.length > 0 ? (
        <table className="bills">
          <thead>
            <tr>
              <th scope="col">{t("common.id")}</th>
              <SortHeader column="period" label={t("billing.period")} sorting={billSorting} />
              <SortHeader column="total" label={t("billing.total")} sorting={billSorting} />
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {billRows.map((bill) => (
              <BillRow key={bill.id} bill={bill} />
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager list={bills} name={t("billing.bills")} />
    </section>
  );
}

/** A plan with each version's date and prices; a new version is appended in place. */
function PlanRow({ plan, onChanged }: { plan: Plan; onChanged(): void }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const perMillion = (micros: number) => formatMicros(micros, plan.currency);
  return (
    <>
      <tr data-plan={plan.id}>
        <td>{plan.id}</td>
        <td>{plan.name}</td>
        <td>{plan.currency}</td>
        <td>
          <ul className="versions">
            {plan.versions.map((version) => (
              <li key={version.version} data-version={version.version}>
                v{version.version} {version.effective_from}
                {version.rules.map((rule, index) => (
                  <span key={index} className="muted">
                    {" "}
                    · {rule.model || t("billing.everyModel")}: {perMillion(rule.prices.input_per_million)} / {perMillion(rule.prices.output_per_million)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <button type="button" aria-expanded={adding} aria-label={t("common.actionOn", { action: t("billing.addVersion"), name: plan.id })} onClick={() => setAdding(!adding)}>
            {t("billing.addVersion")}
          </button>
        </td>
      </tr>
      {adding ? (
        <tr className="editing">
          <td colSpan={5}>
            <PlanVersionForm planId={plan.id} onCancel={() => setAdding(false)} onAdded={() => (setAdding(false), onChanged())} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function BillRow({ bill }: { bill: Bill }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-bill={bill.id}>
        <td>{bill.id}</td>
        <td>
          {bill.cycle_start} – {bill.cycle_end}
        </td>
        <td>{bill.totals.map((total) => formatMicros(total.amount_micros, total.currency)).join(" + ")}</td>
        <td className="row-actions">
          <button type="button" aria-expanded={open} aria-label={t("common.actionOn", { action: `${t("billing.items")} (${bill.items.length})`, name: bill.id })} onClick={() => setOpen(!open)}>
            {t("billing.items")} ({bill.items.length})
          </button>
          <a className="button" href={`/admin/billing/bills/${encodeURIComponent(bill.id)}?format=csv`} download={`${bill.id}.csv`} aria-label={t("common.actionOn", { action: t("billing.csv"), name: bill.id })}>
            {t("billing.csv")}
          </a>
        </td>
      </tr>
      {open ? (
        <tr className="editing">
          <td colSpan={4}>
            <BillItems bill={bill} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Item = Bill["items"][number];
const itemColumn = (item: Item, column: "model" | "project" | "key" | "requests" | "amount") =>
  column === "project" ? item.project_id : column === "key" ? item.key_id : column === "amount" ? item.amount_micros : item[column];

/** A bill's line items: per project, key and model (and the cycle's volume discount). */
function BillItems({ bill }: { bill: Bill }) {
  const { t } = useI18n();
  const [rows, sorting] = useSorted(bill.items, itemColumn);
  if (bill.items.length === 0) return <p className="empty">{t("common.empty")}</p>;
  return (
    <table className="bill-items" aria-label={t("billing.items")}>
      <thead>
        <tr>
          <SortHeader column="project" label={t("usage.project")} sorting={sorting} />
          <SortHeader column="key" label={t("usage.key")} sorting={sorting} />
          <SortHeader column="model" label={t("usage.model")} sorting={sorting} />
          <th scope="col">{t("alerts.kind")}</th>
          <SortHeader column="requests" label={t("usage.requests")} sorting={sorting} />
          <SortHeader column="amount" label={t("billing.amount")} sorting={sorting} />
        </tr>
      </thead>
      <tbody>
        {rows.map((item, index) => (
          <tr key={`${item.project_id}/${item.key_id}/${item.model}/${item.kind}/${index}`} data-item-model={item.model}>
            <td>{item.project_id || "—"}</td>
            <td>{item.key_id || "—"}</td>
            <td>{item.model || "—"}</td>
            <td>{item.kind}</td>
            <td>{item.requests}</td>
            <td>{formatMicros(item.amount_micros, item.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { BarChart, Empty, ErrorMessage, Field, Loading } from "../components/ui.js";
import { useI18n } from "../i18n.js";

type Report = Schemas["GetUsageReportResponse"];
const DIMENSIONS = ["model", "key", "project", "org", "provider", "deployment", "status"] as const;

interface Filters {
  start: string;
  end: string;
  model: string;
  key: string;
  project: string;
  groupBy: string[];
  trend: "hour" | "day" | "minute";
}

/** The query string the report and its CSV share (the API's own parameters). */
export function usageQuery(filters: Filters) {
  return {
    ...(filters.start ? { start: new Date(filters.start).toISOString() } : {}),
    ...(filters.end ? { end: new Date(filters.end).toISOString() } : {}),
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.key ? { key: filters.key } : {}),
    ...(filters.project ? { project: filters.project } : {}),
    ...(filters.groupBy.length > 0 ? { group_by: filters.groupBy.join(",") } : {}),
    trend: filters.trend,
  };
}

export function formatCost(cost: Report["totals"]["cost"]): string {
  if (!cost || cost.length === 0) return "—";
  return cost.map((line) => `${line.amount} ${line.currency}`).join(" + ");
}

export function errorRate(totals: Report["totals"]): string {
  return totals.requests === 0 ? "—" : `${((totals.failed / totals.requests) * 100).toFixed(1)}%`;
}

/** Usage with filters and group-by: totals, a requests-over-time chart, the groups, and their CSV. */
export function UsagePage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ start: "", end: "", model: "", key: "", project: "", groupBy: ["model"], trend: "hour" });
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const load = useCallback(async (current: Filters) => {
    setLoading(true);
    setError(undefined);
    try {
      setReport(unwrap(await api.GET("/admin/usage", { params: { query: usageQuery(current) } })));
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void load(filters), []); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filters);
  };
  const csv = `/admin/usage?${new URLSearchParams({ ...usageQuery(filters), format: "csv" }).toString()}`;
  const set = (name: "start" | "end" | "model" | "key" | "project") => (event: { target: { value: string } }) => setFilters({ ...filters, [name]: event.target.value });
  return (
    <section aria-labelledby="usage-title">
      <h1 id="usage-title">{t("usage.title")}</h1>
      <form className="grid-form" onSubmit={submit}>
        <Field label={t("usage.start")}>
          <input name="start" type="datetime-local" value={filters.start} onChange={set("start")} />
        </Field>
        <Field label={t("usage.end")}>
          <input name="end" type="datetime-local" value={filters.end} onChange={set("end")} />
        </Field>
        <Field label={t("usage.model")}>
          <input name="model" value={filters.model} onChange={set("model")} />
        </Field>
        <Field label={t("usage.key")}>
          <input name="key" value={filters.key} onChange={set("key")} />
        </Field>
        <Field label={t("usage.project")}>
          <input name="project" value={filters.project} onChange={set("project")} />
        </Field>
        <Field label={t("usage.trend")}>
          <select name="trend" value={filters.trend} onChange={(event) => setFilters({ ...filters, trend: event.target.value as Filters["trend"] })}>
            <option value="minute">minute</option>
            <option value="hour">hour</option>
            <option value="day">day</option>
          </select>
        </Field>
        <fieldset className="checks">
          <legend>{t("usage.groupBy")}</legend>
          {DIMENSIONS.map((dimension) => (
            <label key={dimension}>
              <input
                type="checkbox"
                name={`group-${dimension}`}
                checked={filters.groupBy.includes(dimension)}
                onChange={(event) => setFilters({ ...filters, groupBy: event.target.checked ? [...filters.groupBy, dimension] : filters.groupBy.filter((item) => item !== dimension) })}
              />
              {dimension}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={loading}>
            {loading ? t("common.working") : t("usage.apply")}
          </button>
          <a className="button" href={csv} download="usage.csv">
            {t("usage.csv")}
          </a>
        </div>
      </form>
      <Loading when={loading && !report} />
      <ErrorMessage error={error} />
      {report ? <UsageReport report={report} /> : null}
    </section>
  );
}

/** The headline numbers; with `percentiles`, latency p50 / p90 / p99 / max as well. */
export function Totals({ totals, percentiles = false }: { totals: Report["totals"]; percentiles?: boolean }) {
  const { t } = useI18n();
  return (
    <dl className="cards">
      <div>
        <dt>{t("usage.requests")}</dt>
        <dd data-testid="total-requests">{totals.requests}</dd>
      </div>
      <div>
        <dt>{t("usage.tokens")}</dt>
        <dd data-testid="total-tokens">{totals.tokens.total_tokens}</dd>
      </div>
      <div>
        <dt>{t("usage.errorRate")}</dt>
        <dd>{errorRate(totals)}</dd>
      </div>
      <div>
        <dt>{t("usage.p99")}</dt>
        <dd data-testid="latency-p99">{totals.latency_ms.count > 0 ? `${Math.round(totals.latency_ms.p99)} ms` : "—"}</dd>
      </div>
      {percentiles ? (
        <div>
          <dt>{t("usage.percentiles")}</dt>
          <dd className="small" data-testid="latency-percentiles">
            {totals.latency_ms.count > 0 ? `${Math.round(totals.latency_ms.p50)} / ${Math.round(totals.latency_ms.p90)} / ${Math.round(totals.latency_ms.p99)} / ${Math.round(totals.latency_ms.max)} ms` : "—"}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t("usage.spend")}</dt>
        <dd>{formatCost(totals.cost)}</dd>
      </div>
    </dl>
  );
}

type Group = Report["groups"][number];
type Metric = "requests" | "tokens" | "errors" | "p50" | "p90" | "p99" | "cost";
const METRICS: Metric[] = ["requests", "tokens", "errors", "p50", "p90", "p99", "cost"];

function groupValue(group: Group, column: string): string | number {
  const metrics = group.metrics;
  switch (column as Metric) {
    case "requests":
      return metrics.requests;
    case "tokens":
      return metrics.tokens.total_tokens;
    case "errors":
      return metrics.requests === 0 ? 0 : metrics.failed / metrics.requests;
    case "p50":
    case "p90":
    case "p99":
      return metrics.latency_ms.count > 0 ? metrics.latency_ms[column as "p50" | "p90" | "p99"] : -1;
    case "cost":
      return Number(metrics.cost?.[0]?.amount ?? 0);
    default:
      return group.dimensions[column] ?? "";
  }
}

const milliseconds = (metrics: Group["metrics"], percentile: "p50" | "p90" | "p99") => (metrics.latency_ms.count > 0 ? `${Math.round(metrics.latency_ms[percentile])} ms` : "—");

function UsageReport({ report }: { report: Report }) {
  const { t } = useI18n();
  const points = (report.trend ?? []).map((point) => ({ label: point.bucket_start, value: point.metrics.requests }));
  const [rows, sorting] = useSorted<Group, string>(report.groups, groupValue);
  const labels: Record<Metric, string> = {
    requests: t("usage.requests"),
    tokens: t("usage.tokens"),
    errors: t("usage.errorRate"),
    p50: "p50",
    p90: "p90",
    p99: "p99",
    cost: t("usage.spend"),
  };
  return (
    <>
      <Totals totals={report.totals} percentiles />
      <Empty when={report.totals.requests === 0} />
      {points.length > 0 ? <BarChart points={points} title={t("usage.chart")} /> : null}
      {report.groups.length > 0 ? (
        <table className="groups">
          <caption>{t("usage.groups")}</caption>
          <thead>
            <tr>
              {report.group_by.map((dimension) => (
                <SortHeader key={dimension} column={dimension} label={dimension} sorting={sorting} />
              ))}
              {METRICS.map((metric) => (
                <SortHeader key={metric} column={metric} label={labels[metric]} sorting={sorting} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((group) => (
              <tr key={JSON.stringify(group.dimensions)}>
                {report.group_by.map((dimension) => (
                  <td key={dimension}>{group.dimensions[dimension]}</td>
                ))}
                <td>{group.metrics.requests}</td>
                <td>{group.metrics.tokens.total_tokens}</td>
                <td>{errorRate(group.metrics)}</td>
                <td>{milliseconds(group.metrics, "p50")}</td>
                <td>{milliseconds(group.metrics, "p90")}</td>
                <td>{milliseconds(group.metrics, "p99")}</td>
                <td>{formatCost(group.metrics.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

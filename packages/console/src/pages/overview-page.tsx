import { useEffect, useState } from "react";
import { api, unwrap, type Schemas } from "../api/client.js";
import { BarChart, ErrorMessage, Loading } from "../components/ui.js";
import { useI18n } from "../i18n.js";
import { LiveStatus } from "./live-status.js";
import { Totals } from "./usage-page.js";

type Report = Schemas["GetUsageReportResponse"];

/** Requests, error rate, p99 latency and spend, today and this month (from the usage report). */
export function OverviewPage() {
  const { t } = useI18n();
  const [today, setToday] = useState<Report>();
  const [month, setMonth] = useState<Report>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
    Promise.all([
      api.GET("/admin/usage", { params: { query: { start: midnight.toISOString(), trend: "hour" } } }).then(unwrap),
      api.GET("/admin/usage", { params: { query: { start: monthStart.toISOString() } } }).then(unwrap),
    ]).then(
      ([todayReport, monthReport]) => (setToday(todayReport), setMonth(monthReport)),
      (failure: unknown) => setError(failure),
    );
  }, []);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t("nav.overview")}</h1>
      <LiveStatus />
      <Loading when={!today && !error} />
      <ErrorMessage error={error} />
      {today ? (
        <>
          <h2>{t("overview.today")}</h2>
          <Totals totals={today.totals} />
          <BarChart title={t("overview.hourly")} points={(today.trend ?? []).map((point) => ({ label: point.bucket_start, value: point.metrics.requests }))} />
        </>
      ) : null}
      {month ? (
        <>
          <h2>{t("overview.month")}</h2>
          <Totals totals={month.totals} />
        </>
      ) : null}
    </section>
  );
}

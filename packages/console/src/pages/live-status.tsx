import { useEffect, useState } from "react";
import type { Schemas } from "../api/client.js";
import { SortHeader, useSorted } from "../components/sorting.js";
import { useI18n, type MessageKey } from "../i18n.js";

type StatusEvent = Schemas["PlatformStatusEvent"];
type PlatformStatus = Schemas["PlatformStatus"];
type Connection = "connecting" | "live" | "ended";

/**
 * The platform's live status from GET /admin/status as server-sent events (the session cookie rides
 * along: same origin, Path=/admin). The gateway re-checks the session on every push and ends the stream
 * with an error event when it is no longer valid; the browser's own reconnects are then stopped.
 */
export function useLiveStatus(): { status: PlatformStatus | undefined; at: string | undefined; connection: Connection; ended: string | undefined } {
  const [event, setEvent] = useState<StatusEvent>();
  const [connection, setConnection] = useState<Connection>("connecting");
  const [ended, setEnded] = useState<string>();
  useEffect(() => {
    const source = new EventSource("/admin/status?stream=true");
    source.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as StatusEvent | { error: { message: string } };
      if ("error" in data) {
        source.close();
        setConnection("ended");
        setEnded(data.error.message);
        return;
      }
      setEvent(data);
      setConnection("live");
    };
    // A dropped connection is retried by the browser; a refused one (401) closes the source for good.
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "ended" : "connecting");
    return () => source.close();
  }, []);
  return { status: event?.status, at: event?.timestamp, connection, ended };
}

interface DeploymentRow {
  model: string;
  deployment: string;
  provider: string;
  status: string;
  reason: string;
  circuit: string;
  errorRate: number;
  attempts: number;
}

function deploymentRows(status: PlatformStatus): DeploymentRow[] {
  return status.models.flatMap((model) =>
    model.deployments.map((deployment) => ({
      model: model.id,
      deployment: deployment.id,
      provider: deployment.provider,
      status: deployment.status,
      reason: deployment.reason,
      circuit: deployment.circuit,
      errorRate: deployment.error_rate,
      attempts: deployment.recent_attempts,
    })),
  );
}

type Column = "model" | "provider" | "status" | "circuit" | "errorRate";
const columnValue = (row: DeploymentRow, column: Column) => row[column];

/** Services, infrastructure and every deployment with its circuit, updated as each event arrives. */
export function LiveStatus() {
  const { t } = useI18n();
  const { status, at, connection, ended } = useLiveStatus();
  const [rows, sorting] = useSorted(status ? deploymentRows(status) : [], columnValue);
  return (
    <section aria-labelledby="live-title" className="live-status" data-connection={connection}>
      <h2 id="live-title">
        {t("overview.live")} <span className={`badge ${connection === "live" ? "ok" : "error"}`}>{t(`overview.connection.${connection}` as MessageKey)}</span>
      </h2>
      {ended ? (
        <p className="error" role="alert">
          {ended}
        </p>
      ) : null}
      {status ? (
        <>
          <p aria-live="polite">
            <span data-testid="platform-status" className={`badge ${status.status === "operational" ? "ok" : "error"}`}>
              {status.status}
            </span>{" "}
            <span className="muted">{t("overview.updatedAt", { time: at ? new Date(at).toLocaleTimeString() : "" })}</span>
          </p>
          <ul className="status-chips" aria-label={t("overview.services")}>
            {Object.entries(status.services).map(([name, service]) => (
              <li key={name} data-service={name}>
                <span className={`badge ${service.status === "up" ? "ok" : "error"}`}>{service.status}</span> {name} ({service.healthy_instances})
              </li>
            ))}
            {Object.entries(status.infrastructure).map(([name, infra]) => (
              <li key={name} data-infrastructure={name}>
                <span className={`badge ${infra.status === "up" ? "ok" : "error"}`}>{infra.status}</span> {name} {infra.latency_ms} ms
              </li>
            ))}
          </ul>
          {rows.length > 0 ? (
            <table className="deployments">
              <caption>{t("overview.deployments")}</caption>
              <thead>
                <tr>
                  <SortHeader column="model" label={t("usage.model")} sorting={sorting} />
                  <SortHeader column="provider" label={t("models.provider")} sorting={sorting} />
                  <SortHeader column="status" label={t("common.status")} sorting={sorting} />
                  <SortHeader column="circuit" label={t("overview.circuit")} sorting={sorting} />
                  <SortHeader column="errorRate" label={t("usage.errorRate")} sorting={sorting} />
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.model}/${row.deployment}`} data-deployment={`${row.model}/${row.deployment}`}>
                    <td>
                      {row.model}/{row.deployment}
                    </td>
                    <td>{row.provider}</td>
                    <td>
                      <span className={`badge ${row.status}`}>{row.status}</span> {row.reason}
                    </td>
                    <td className="circuit">{row.circuit}</td>
                    <td>{row.attempts > 0 ? `${(row.errorRate * 100).toFixed(1)}% / ${row.attempts}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">{t("overview.noDeployments")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

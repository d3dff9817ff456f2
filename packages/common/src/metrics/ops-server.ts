import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Registry, collectDefaultMetrics } from "prom-client";

export { AggregatorRegistry, Registry, Counter, Histogram, Gauge } from "prom-client";

export function createMetricsRegistry(labels: { service: string; instance: string }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** `/metrics` (Prometheus), `/healthz` (process alive) and `/readyz` (serving) on an ops port. */
export async function startOpsServer(options: {
  host: string;
  port: number;
  /** A registry, or anything that renders metrics as one does (a cluster's aggregate). */
  registry: { metrics(): Promise<string>; readonly contentType: string };
  isReady: () => boolean;
}): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/metrics") {
      options.registry.metrics().then(
        (body) => {
          response.writeHead(200, { "content-type": options.registry.contentType });
          response.end(body);
        },
        () => {
          response.writeHead(500).end();
        },
      );
      return;
    }
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (path === "/readyz") {
      const ready = options.isReady();
      response.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: ready ? "ready" : "not_ready" }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Exclusive: a cluster worker's ops port is its own, never shared through the primary.
    server.listen({ port: options.port, host: options.host, exclusive: true }, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

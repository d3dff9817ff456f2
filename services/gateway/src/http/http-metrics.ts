import type { RequestHandler } from "express";
import { Histogram, type Registry } from "@llm-serve/common";

/** One histogram of every HTTP request by route, method and status (`/metrics`). */
export function httpMetrics(registry: Registry): RequestHandler {
  const durations = new Histogram({
    name: "llmserve_http_request_duration_seconds",
    help: "Duration of HTTP requests served by the gateway",
    labelNames: ["route", "method", "status"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return (request, response, next) => {
    const started = performance.now();
    response.on("finish", () => {
      // The matched route pattern, never the raw path: labels stay few.
      const route = (request.route as { path?: string } | undefined)?.path ?? "unmatched";
      durations.observe({ route, method: request.method, status: String(response.statusCode) }, (performance.now() - started) / 1000);
    });
    next();
  };
}

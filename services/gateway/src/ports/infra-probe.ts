/** One piece of shared infrastructure /v1/status reports on: `check` rejects when it is unreachable. */
export interface InfraProbe {
  name: "postgres" | "redis" | "kafka";
  check(): Promise<unknown>;
}

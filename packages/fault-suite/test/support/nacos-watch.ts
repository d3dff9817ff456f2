import { INFRA, waitFor } from "@llm-serve/testkit";

/** The ports of the healthy instances Nacos lists for a service of the platform (its group). */
export async function healthyPorts(service: string, group: string): Promise<number[]> {
  const query = new URLSearchParams({ serviceName: `llm-serve.${service}`, groupName: group, healthyOnly: "true" });
  const response = await fetch(`${INFRA.nacosAddr}/nacos/v1/ns/instance/list?${query.toString()}`);
  if (!response.ok) return [];
  const body = (await response.json()) as { hosts?: Array<{ port: number; healthy: boolean }> };
  return (body.hosts ?? []).filter((host) => host.healthy).map((host) => host.port).sort();
}

/** Waits until Nacos lists exactly `count` healthy instances; returns when it did (ms epoch). */
export async function awaitInstances(service: string, group: string, count: number, timeoutMs = 90_000): Promise<number> {
  await waitFor(async () => (await healthyPorts(service, group)).length === count, { timeoutMs, intervalMs: 100, description: `${count} healthy ${service} instance(s) in Nacos` });
  return Date.now();
}

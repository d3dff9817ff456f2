import { NacosClient, createLogger } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { commonV1, modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv, spawnService, uniqueId, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const isolation = uniqueId("disc");
const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: `mr_${isolation}`, SHUTDOWN_DRAIN_MS: "1500", SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") });
const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
const logger = createLogger({ service: "test", version: "test", level: "warn" });

async function registeredPorts(): Promise<number[]> {
  const body = await fetch(
    `${INFRA.nacosAddr}/nacos/v1/ns/instance/list?serviceName=llm-serve.model-registry&groupName=${isolation}&healthyOnly=true`,
  ).then((response) => response.json() as Promise<{ hosts: Array<{ port: number; metadata: Record<string, string> }> }>);
  return body.hosts.map((host) => host.port).sort();
}

describe("service discovery through Nacos", () => {
  let first: ServiceProcess;
  let second: ServiceProcess;
  const resolver = new NacosResolver({ nacos, service: "model-registry", group: isolation, logger, refreshMs: 500 });
  const instances = createServiceClient(commonV1.InstanceServiceService, {
    service: "model-registry",
    resolver,
    logger,
    idempotent: ["describeInstance"],
  });
  const registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, {
    service: "model-registry",
    resolver,
    logger,
    idempotent: ["listModels"],
  });

  beforeAll(async () => {
    [first, second] = await Promise.all([spawnService("model-registry", env), spawnService("model-registry", env)]);
  });

  afterAll(async () => {
    instances.close();
    registry.close();
    resolver.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it("shows both instances, with metadata, in Nacos's own open API", async () => {
    const ports = [first.address, second.address].map((address) => Number(address.split(":")[1])).sort();
    await waitFor(async () => JSON.stringify(await registeredPorts()) === JSON.stringify(ports), { description: "both instances in nacos" });
    const body = await fetch(`${INFRA.nacosAddr}/nacos/v1/ns/instance/list?serviceName=llm-serve.model-registry&groupName=${isolation}`).then(
      (response) => response.json() as Promise<{ hosts: Array<{ metadata: Record<string, string>; weight: number }> }>,
    );
    for (const host of body.hosts) {
      expect(host.metadata.version).toBe("0.1.0");
      expect(host.metadata.instanceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(host.weight).toBe(1);
    }
  });

  it("balances calls across both instances", async () => {
    await waitFor(() => resolver.endpoints().length === 2, { description: "resolver sees two instances" });
    const answeredBy = new Set<string>();
    for (let call = 0; call < 10; call += 1) answeredBy.add((await instances.describeInstance({})).address);
    expect([...answeredBy].sort()).toEqual([first.address, second.address].sort());
    const { models } = await registry.listModels({ includeDisabled: false });
    expect(models.map((model) => model.id)).toContain("llmserve-demo");
  });

  it("keeps succeeding while one instance stops, then uses only the survivor", async () => {
    let failures = 0;
    let successes = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        await instances.describeInstance({}).then(
          () => (successes += 1),
          () => (failures += 1),
        );
      }
    })();
    await waitFor(() => successes > 20, { description: "calls flowing" });
    const exitCode = await first.stop("SIGTERM");
    expect(exitCode).toBe(0);
    await waitFor(async () => (await registeredPorts()).length === 1, { description: "nacos drops the stopped instance" });
    const before = successes;
    await waitFor(() => successes > before + 50, { description: "calls keep flowing" });
    running = false;
    await load;
    expect(failures).toBe(0);
    const survivors = new Set<string>();
    for (let call = 0; call < 10; call += 1) survivors.add((await instances.describeInstance({})).address);
    expect([...survivors]).toEqual([second.address]);
  });
});

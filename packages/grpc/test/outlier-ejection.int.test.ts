import { randomUUID } from "node:crypto";
import { NacosClient, ServiceRegistration, createMemoryLogger, discoveryName } from "@llm-serve/common";
import { commonV1 } from "@llm-serve/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceClient } from "../src/client.js";
import { NacosResolver } from "../src/resolver.js";
import { GrpcServer } from "../src/server.js";

const NACOS_ADDR = process.env.NACOS_ADDR ?? "http://127.0.0.1:8848";
const SERVICE = "ejection-probe";
const EJECT_MS = 500;

/**
 * A crashed instance stays listed in Nacos until its heartbeat time-out (18 s on rnacos 0.8.8):
 * the client must stop calling it at its first refused connection (ADR 0031), not every `ejectMs`,
 * and take it back as soon as it listens again.
 */
describe("client-side ejection of an instance that died while Nacos still lists it", () => {
  const { logger, lines } = createMemoryLogger("ejection", "debug");
  const group = `ejection_${randomUUID().slice(0, 8)}`;
  const servers: GrpcServer[] = [];
  const registrations: NacosClient[] = [];
  let resolverNacos: NacosClient;
  let resolver: NacosResolver;
  let client: ReturnType<typeof createServiceClient<typeof commonV1.InstanceServiceService>>;

  /** A gRPC server registered in Nacos by a Nacos client of its own (closing it stops the heartbeats, as a crash does). */
  const startInstance = async (port = 0) => {
    const server = new GrpcServer({ logger, service: SERVICE, version: "test", instanceId: randomUUID() });
    const bound = await server.listen("127.0.0.1", port);
    const nacos = new NacosClient({ serverAddr: NACOS_ADDR, logger });
    await new ServiceRegistration(nacos, { serviceName: discoveryName(SERVICE), groupName: group, ip: "127.0.0.1", port: bound, weight: 1, metadata: {} }, logger).register();
    servers.push(server);
    registrations.push(nacos);
    return { server, nacos, address: `127.0.0.1:${bound}`, port: bound };
  };
  const said = (message: string, address: string) => lines.filter((line) => line.msg === message && line.address === address).length;
  const failuresOn = (address: string) => lines.filter((line) => line.msg === "call failed at the transport; trying another instance" && line.address === address).length;

  beforeAll(async () => {
    resolverNacos = new NacosClient({ serverAddr: NACOS_ADDR, logger });
    resolver = new NacosResolver({ nacos: resolverNacos, service: SERVICE, group, logger, refreshMs: 500 });
    client = createServiceClient(commonV1.InstanceServiceService, { service: SERVICE, resolver, logger, idempotent: ["describeInstance"], ejectMs: EJECT_MS });
  });

  afterAll(async () => {
    client?.close();
    resolver?.close();
    for (const nacos of [resolverNacos, ...registrations]) await nacos?.close();
    for (const server of servers) server.server.forceShutdown();
  });

  it("sends no call to the dead instance after its first refused connection, and takes it back once it listens again", async () => {
    const survivor = await startInstance();
    const doomed = await startInstance();
    const served = async () => (await client.describeInstance({})).address;
    await waitUntil(async () => new Set(await Promise.all(Array.from({ length: 6 }, served))).size === 2, "both instances serve");

    doomed.server.server.forceShutdown();
    await doomed.nacos.close();
    // Four times the ejection time: the old fixed ejection let the dead instance take a call every EJECT_MS.
    const until = Date.now() + 8 * EJECT_MS;
    while (Date.now() < until) {
      expect(await served()).toBe(survivor.address);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(resolver.endpoints().map((endpoint) => endpoint.address)).toContain(doomed.address);
    expect(failuresOn(doomed.address)).toBe(1);
    expect(said("instance unreachable; no calls until it connects again", doomed.address)).toBe(1);

    // Restarted on the same port (Nacos still lists it): back in the rotation once its channel connects.
    const restarted = new GrpcServer({ logger, service: SERVICE, version: "test", instanceId: randomUUID() });
    servers.push(restarted);
    await restarted.listen("127.0.0.1", doomed.port);
    const restartedAt = Date.now();
    await waitUntil(async () => (await Promise.all(Array.from({ length: 4 }, served))).includes(doomed.address), "the restarted instance serves again");
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
    expect(said("instance reachable again; back in the rotation", doomed.address)).toBe(1);
  });
});

async function waitUntil(condition: () => Promise<boolean>, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { randomBytes } from "node:crypto";
import { createConnection } from "node:net";
import { NacosConfigClient, NacosNamingClient } from "nacos";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../src/logging/memory-logger.js";
import { ConfigWatcher } from "../src/nacos/config-watcher.js";
import { NacosClient } from "../src/nacos/nacos-client.js";
import { ServiceRegistration } from "../src/nacos/service-registration.js";

// The real Nacos of the platform (deploy/local), each test in its own group.
const NACOS_ADDR = process.env.NACOS_ADDR ?? "http://127.0.0.1:8848";
const group = () => `nacos-pkg-${randomBytes(4).toString("hex")}`;
const instance = (groupName: string, port: number) => ({ serviceName: "llm-serve.probe", groupName, ip: "127.0.0.1", port, weight: 1, metadata: { protocol: "grpc" } });

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("Nacos through the `nacos` package (ADR 0014)", () => {
  const { logger } = createMemoryLogger("nacos-test", "warn");
  const nacos = new NacosClient({ serverAddr: NACOS_ADDR, logger });
  afterAll(() => nacos.close());

  it("registers, lists and deregisters instances", async () => {
    const groupName = group();
    const registration = new ServiceRegistration(nacos, instance(groupName, 41_001), logger);
    await registration.register();
    expect((await nacos.listInstances("llm-serve.probe", groupName)).map((host) => [host.port, host.metadata.protocol])).toEqual([[41_001, "grpc"]]);
    await registration.deregister();
    expect(await nacos.listInstances("llm-serve.probe", groupName, false)).toEqual([]);
  });

  it("the package's own listing keeps showing the last instance after it left: why listInstances is ours", async () => {
    const groupName = group();
    const packageClient = new NacosNamingClient({ logger: console, serverList: new URL(NACOS_ADDR).host, namespace: "" } as never) as unknown as {
      ready(): Promise<void>;
      getAllInstances(service: string, group: string, clusters: string, subscribe: boolean): Promise<Array<{ port: number }>>;
      close(): Promise<void>;
    };
    await packageClient.ready();
    try {
      await nacos.registerInstance(instance(groupName, 41_002));
      expect((await packageClient.getAllInstances("llm-serve.probe", groupName, "", false)).map((host) => host.port)).toEqual([41_002]);
      await nacos.deregisterInstance(instance(groupName, 41_002));
      expect(await nacos.listInstances("llm-serve.probe", groupName, false)).toEqual([]);
      // Asked the server directly, the package answers the list it had: an empty one is "invalid" to it.
      expect((await packageClient.getAllInstances("llm-serve.probe", groupName, "", false)).map((host) => host.port)).toEqual([41_002]);
    } finally {
      await packageClient.close();
    }
  });

  it("brings back an instance the server forgot, with the package's next heartbeat", async () => {
    const groupName = group();
    const registration = new ServiceRegistration(nacos, instance(groupName, 41_003), logger);
    await registration.register();
    // As after a Nacos restart: the server no longer knows the instance.
    await fetch(`${NACOS_ADDR}/nacos/v1/ns/instance?serviceName=${groupName}%40%40llm-serve.probe&ip=127.0.0.1&port=41003&ephemeral=true`, { method: "DELETE" });
    expect(await nacos.listInstances("llm-serve.probe", groupName, false)).toEqual([]);
    await until(async () => (await nacos.listInstances("llm-serve.probe", groupName)).length === 1, "the instance registered again by a beat");
    await registration.deregister();
  });

  it("reads, publishes and follows a config, including one created after the watcher started", async () => {
    const groupName = group();
    const documents: Array<Record<string, string>> = [];
    const watcher = new ConfigWatcher({ nacos, dataId: "llm-serve.probe", group: groupName, logger, onDocument: (document) => documents.push(document) });
    await watcher.start();
    try {
      expect(documents).toEqual([{}]);
      await nacos.publishConfig("llm-serve.probe", groupName, "LOG_LEVEL=debug\n");
      expect(await nacos.getConfig("llm-serve.probe", groupName)).toBe("LOG_LEVEL=debug\n");
      await until(() => documents.length === 2, "the first version pushed");
      await nacos.publishConfig("llm-serve.probe", groupName, "LOG_LEVEL=info\n");
      await until(() => documents.length === 3, "the second version pushed");
      expect(documents.slice(1)).toEqual([{ LOG_LEVEL: "debug" }, { LOG_LEVEL: "info" }]);
    } finally {
      await watcher.stop();
      await nacos.removeConfig("llm-serve.probe", groupName);
    }
    expect(await nacos.getConfig("llm-serve.probe", groupName)).toBeUndefined();
  });

  it("the package's NacosConfigClient makes one process per host the leader of every config client on TCP port 7777: why ours uses its DataClient", async () => {
    const accepts = (port: number) =>
      new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
        socket.on("error", () => resolve(false));
      });
    const wrapped = new NacosConfigClient({ serverAddr: new URL(NACOS_ADDR).host });
    await wrapped.ready();
    try {
      // Leader or follower, it is now tied to whichever process on this host holds the port.
      expect(typeof wrapped.isClusterClientLeader).toBe("boolean");
      expect(await accepts(7777)).toBe(true);
    } finally {
      await wrapped.close();
    }
  });
});

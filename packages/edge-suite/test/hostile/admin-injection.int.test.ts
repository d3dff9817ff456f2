import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOperations, fillPath, INJECTIONS, type AdminOperation } from "../../src/admin-operations.js";
import { startEdgePlatform, type EdgePlatform, type GatewayProcess } from "../../src/edge-platform.js";
import { reportFigures } from "../../src/load.js";
import { MIB } from "../../src/process-memory.js";

const SQL_NAME = "'; DROP TABLE organizations; --";
/** The memory passes repeat the same generated bodies. */
const MEMORY_SEED = 7;
/**
 * Growth of the live heap allowed over the second and third memory passes (1,440 requests): ~360
 * bytes a request. Measured: +0.16 MiB without a leak; +1.09 MiB with a map planted in the gateway
 * that keeps each request's URL and headers by its id.
 */
const LEAK_BOUND_MIB = 0.5;

describe("injection strings in every field of the admin API, from its own description", () => {
  let platform: EdgePlatform;
  let gateway: GatewayProcess;
  let operations: AdminOperation[];
  const ids: Record<string, string> = {};
  const statuses: Record<string, number> = {};
  const problems: string[] = [];
  let requests = 0;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    requests += 1;
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status >= 500 || text.includes("    at ")) {
      // The gateway's own log line for that request names the cause.
      const requestId = response.headers.get("x-request-id") ?? "?";
      const cause = gateway.process.output().split("\n").filter((line) => line.includes(requestId) && /"level":"(warn|error)"/.test(line)).map((line) => line.slice(0, 600));
      problems.push(`${method} ${path.slice(0, 120)} ${JSON.stringify(body)?.slice(0, 120)} -> ${response.status} ${text.slice(0, 120)} ${cause.join(" | ")}`);
    }
    return { status: response.status, text };
  };

  /** Real ids for path parameters, so that the body is what gets checked; never the bootstrap admin's. */
  const realId = (parameter: string) => ids[parameter] ?? "does-not-exist";

  beforeAll(async () => {
    platform = await startEdgePlatform({ billing: true, inspectHeap: true });
    gateway = platform.gateways[0]!;
    const key = await platform.createKey();
    const user = await platform.admin("POST", "/admin/users", { email: `edge-${Date.now()}@example.com`, name: "edge user", role: "org_member", organization_id: key.organizationId });
    Object.assign(ids, { organizationId: key.organizationId, orgId: key.organizationId, projectId: key.projectId, keyId: key.keyId, userId: String(user.body?.id ?? "none"), model: "llmserve-demo", planId: "plan-standard" });
    operations = adminOperations(JSON.parse((await call("GET", "/admin/openapi.json")).text));
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** Every field alone with every injection, then all fields at once with each: the coverage pass. */
  const injectEveryField = async (operations: AdminOperation[]) => {
    for (const operation of operations) {
      const path = fillPath(operation.template, realId);
      for (const field of operation.bodyFields) for (const injection of INJECTIONS) await call(operation.method, path, { [field]: injection });
    }
  };

  /** Each injection in all fields at once, and generated bodies: one memory pass (~30 requests per operation). */
  const injectAllFieldsAndGenerated = async (operations: AdminOperation[], seed: number) => {
    for (const operation of operations) {
      const path = fillPath(operation.template, realId);
      for (const injection of INJECTIONS) await call(operation.method, path, Object.fromEntries(operation.bodyFields.map((field) => [field, injection])));
      // Generated: any mix of fields, each an injection or any JSON value.
      const fields = operation.bodyFields.length > 0 ? operation.bodyFields : ["name"];
      const body = fc.dictionary(fc.constantFrom(...fields), fc.oneof(fc.constantFrom(...INJECTIONS), fc.jsonValue({ maxDepth: 3 })));
      await fc.assert(fc.asyncProperty(body, async (generated) => void (await call(operation.method, path, generated))), { numRuns: 10, seed });
    }
  };

  it("answers an injection in any body field with a 4xx or a verbatim success, never a 5xx; the live heap does not grow with them", async () => {
    const heap = await gateway.heap();
    const withBodies = operations.filter((operation) => operation.hasBody);
    expect(withBodies.length).toBeGreaterThan(15);
    await injectEveryField(withBodies);
    const rssMiB = [gateway.residentBytes() / MIB];
    const heapMiB = [(await heap.usedHeapAfterCollection()) / MIB];
    const requestsPerPass = [requests];
    // The same memory pass three times (the same seed: the same requests): the first fills what is
    // meant to stay (compiled code, pools, bounded caches); a leak keeps what every request left
    // behind, so it grows the live heap again on each later pass.
    for (let pass = 0; pass < 3; pass += 1) {
      const before = requests;
      await injectAllFieldsAndGenerated(withBodies, MEMORY_SEED);
      requestsPerPass.push(requests - before);
      rssMiB.push(gateway.residentBytes() / MIB);
      heapMiB.push((await heap.usedHeapAfterCollection()) / MIB);
    }
    // Two passes after the first (1,440 requests): a leak adds up, the collector's noise does not.
    const growthMiB = heapMiB[3]! - heapMiB[1]!;
    reportFigures("admin body injections", {
      operations: withBodies.length,
      requests,
      requestsPerPass,
      statuses,
      heapAfterCollectionMiB: heapMiB.map((value) => Number(value.toFixed(2))),
      growthOverTwoPassesMiB: Number(growthMiB.toFixed(2)),
      rssMiB: rssMiB.map(Math.round),
    });
    expect(problems).toEqual([]);
    expect(growthMiB).toBeLessThan(LEAK_BOUND_MIB);
  }, 1_800_000);

  it("answers an injection in any path parameter with a 4xx, never a 5xx", async () => {
    const withParameters = operations.filter((operation) => operation.pathParameters.length > 0);
    const before = requests;
    for (const operation of withParameters) {
      for (const injection of INJECTIONS.filter((value): value is string => typeof value === "string")) {
        await call(operation.method, fillPath(operation.template, () => injection), operation.hasBody ? {} : undefined);
      }
    }
    expect(problems).toEqual([]);
    reportFigures("admin path injections", { operations: withParameters.length, requests: requests - before });
  }, 600_000);

  it("stores an injection as plain data: the name comes back verbatim and the table is still there", async () => {
    const created = await call("POST", "/admin/organizations", { name: SQL_NAME });
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { id: string }).id;
    const read = await call("GET", `/admin/organizations/${id}`);
    expect((JSON.parse(read.text) as { name: string }).name).toBe(SQL_NAME);
    expect((await call("GET", "/admin/organizations")).status).toBe(200);
    // The prototype key changed nobody's role: the bootstrap admin is still the only platform admin it was.
    const me = JSON.parse((await call("GET", "/admin/me")).text) as { role?: string; user?: { role?: string } };
    expect(me.role ?? me.user?.role).toBe("platform_admin");
    expect(gateway.alive()).toBe(true);
  });
});

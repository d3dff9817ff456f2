import { KafkaEventBus, TOPICS, type ReceivedEvent, type Subscription } from "@llm-serve/common";
import type { authKeyV1, eventsV1 } from "@llm-serve/proto";
import { INFRA, captureLogs, uniqueId, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type AuthKeyHarness } from "./harness.js";

const isolation = uniqueId("akl");

describe("API key lifecycle over gRPC", () => {
  const logs = captureLogs("auth-key", "info");
  let harness: AuthKeyHarness;
  let actor: authKeyV1.Actor;
  let projectId: string;
  const bus = new KafkaEventBus({ brokers: [INFRA.kafkaBrokers], clientId: "akl-test", logger: logs.logger, namespace: isolation });
  const revoked: Array<ReceivedEvent<eventsV1.KeyRevoked>> = [];
  const updated: Array<ReceivedEvent<eventsV1.KeyUpdated>> = [];
  const audited: Array<ReceivedEvent<eventsV1.AuditRecorded>> = [];
  const subscriptions: Subscription[] = [];

  const verify = (key: string) => harness.keys.verifyKey({ key, clientIp: "127.0.0.1" });

  beforeAll(async () => {
    harness = await startHarness(isolation, logs.logger);
    actor = await harness.platformActor();
    subscriptions.push(
      await bus.subscribe({ groupId: "t.revoked", topic: TOPICS.keyRevoked, fromBeginning: true, handler: async (event) => void revoked.push(event) }),
      await bus.subscribe({ groupId: "t.updated", topic: TOPICS.keyUpdated, fromBeginning: true, handler: async (event) => void updated.push(event) }),
      await bus.subscribe({ groupId: "t.audit", topic: TOPICS.auditRecorded, fromBeginning: true, handler: async (event) => void audited.push(event) }),
    );
    const { organization } = await harness.admin.createOrganization({ actor, name: "Acme", metadataJson: '{"tier":"gold"}' });
    const { project } = await harness.admin.createProject({ actor, orgId: organization!.id, name: "Chat", quotaPolicyIds: ["qp_project"], metadataJson: "" });
    projectId = project!.id;
  });

  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await bus.close();
    await harness?.close();
  });

  const createKey = (overrides: Partial<authKeyV1.CreateKeyRequest> = {}) =>
    harness.admin.createKey({
      actor,
      projectId,
      name: "service key",
      allowedModels: [],
      allowedEndpoints: [],
      expiresAtMs: 0,
      ipAllowList: [],
      metadataJson: "",
      requireSignature: false,
      quotaPolicyIds: [],
      ...overrides,
    });

  it("creates a key shown once, with 256 bits after the prefix, stored only as a keyed hash", async () => {
    const { key, secret } = await createKey({ allowedModels: ["gpt-4o*"], allowedEndpoints: ["chat.completions"], ipAllowList: ["10.0.0.0/8", "192.0.2.7"], quotaPolicyIds: ["qp_key"] });
    expect(secret!.key).toMatch(/^sk-llms-[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret!.key.slice("sk-llms-".length), "base64url")).toHaveLength(32);
    expect(secret!.signingSecret).toMatch(/^llms-sig-[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ status: "active", displayPrefix: secret!.key.slice(0, 12), lastFour: secret!.key.slice(-4), ipAllowList: ["10.0.0.0/8", "192.0.2.7/32"] });

    const rows = await harness.db("api_key_secrets").where({ key_id: key!.id });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret!.key.slice(12, -4));
    const { key: fetched } = await harness.admin.getKey({ actor, id: key!.id });
    expect(JSON.stringify(fetched)).not.toContain(secret!.key);

    const { principal, policy } = await verify(secret!.key);
    expect(principal).toEqual({
      keyId: key!.id,
      projectId,
      orgId: key!.orgId,
      allowedModels: ["gpt-4o*"],
      allowedEndpoints: ["chat.completions"],
      quotaPolicyIds: ["qp_project", "qp_key"],
    });
    expect(policy).toEqual({ requireSignature: false, signingSecret: secret!.signingSecret, ipAllowList: ["10.0.0.0/8", "192.0.2.7/32"], expiresAtMs: 0 });
  });

  it("refuses unknown, malformed and tampered keys alike", async () => {
    const { secret } = await createKey();
    const tampered = secret!.key.slice(0, -1) + (secret!.key.endsWith("A") ? "B" : "A");
    for (const candidate of [tampered, "sk-llms-short", "not-a-key", ""]) {
      await expect(verify(candidate)).rejects.toMatchObject({ code: "unauthenticated", message: "Incorrect API key provided." });
    }
  });

  it("applies updates to scopes, status and expiry, and announces them", async () => {
    const { key, secret } = await createKey();
    const { key: changed } = await harness.admin.updateKey({
      actor,
      id: key!.id,
      allowedModels: { values: ["claude-*"] },
      allowedEndpoints: undefined,
      ipAllowList: undefined,
      quotaPolicyIds: undefined,
      name: "renamed",
    });
    expect(changed).toMatchObject({ name: "renamed", allowedModels: ["claude-*"] });
    expect((await verify(secret!.key)).principal?.allowedModels).toEqual(["claude-*"]);
    await waitFor(() => updated.find((event) => event.payload.keyId === key!.id), { description: "key-updated event" });
    expect(updated.find((event) => event.payload.keyId === key!.id)?.payload.changedFields.sort()).toEqual(["allowed_models", "name"]);

    await harness.admin.updateKey({ actor, id: key!.id, status: "disabled", allowedModels: undefined, allowedEndpoints: undefined, ipAllowList: undefined, quotaPolicyIds: undefined });
    await expect(verify(secret!.key)).rejects.toMatchObject({ code: "unauthenticated" });
    await harness.admin.updateKey({ actor, id: key!.id, status: "active", allowedModels: undefined, allowedEndpoints: undefined, ipAllowList: undefined, quotaPolicyIds: undefined });
    expect((await verify(secret!.key)).principal?.keyId).toBe(key!.id);
  });

  it("refuses an expired key, and refuses to create one that is already expired", async () => {
    const expiresAtMs = Date.now() + 1_500;
    const { secret } = await createKey({ expiresAtMs });
    expect((await verify(secret!.key)).policy?.expiresAtMs).toBe(expiresAtMs);
    await waitFor(() => verify(secret!.key).then(() => false, (error: { code?: string }) => error.code === "unauthenticated"), { description: "the key expires" });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAtMs);
    await expect(createKey({ expiresAtMs: Date.now() - 1_000 })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("rotates: the old secret works during the grace period and fails after it", async () => {
    const { key, secret: first } = await createKey();
    const rotatedAt = Date.now();
    const { key: rotated, secret: second } = await harness.admin.rotateKey({ actor, id: key!.id, gracePeriodSeconds: 2 });
    expect(second!.key).not.toBe(first!.key);
    expect(second!.signingSecret).not.toBe(first!.signingSecret);
    expect(rotated!.lastFour).toBe(second!.key.slice(-4));
    expect(rotated!.previousSecretExpiresAtMs).toBeGreaterThan(rotatedAt);

    const old = await verify(first!.key);
    expect(old.principal?.keyId).toBe(key!.id);
    expect(old.policy?.signingSecret).toBe(first!.signingSecret);
    expect(old.policy?.expiresAtMs).toBe(rotated!.previousSecretExpiresAtMs);
    expect((await verify(second!.key)).policy).toMatchObject({ signingSecret: second!.signingSecret, expiresAtMs: 0 });

    await waitFor(() => verify(first!.key).then(() => false, () => true), { timeoutMs: 10_000, description: "the old secret's grace ends" });
    expect(Date.now() - rotatedAt).toBeGreaterThanOrEqual(1_900);
    expect((await verify(second!.key)).principal?.keyId).toBe(key!.id);
    await waitFor(() => updated.find((event) => event.payload.keyId === key!.id && event.payload.changedFields.includes("secret")), { description: "rotation announced" });
  });

  it("revokes for good and announces it through the outbox", async () => {
    const { key, secret } = await createKey();
    const { key: after } = await harness.admin.revokeKey({ actor, id: key!.id, reason: "leaked" });
    expect(after).toMatchObject({ status: "revoked" });
    expect(after!.revokedAtMs).toBeGreaterThan(0);
    await expect(verify(secret!.key)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(harness.admin.rotateKey({ actor, id: key!.id })).rejects.toMatchObject({ code: "conflict" });
    const event = await waitFor(() => revoked.find((candidate) => candidate.payload.keyId === key!.id), { description: "key-revoked event" });
    expect(event.payload).toEqual({ keyId: key!.id, projectId, orgId: key!.orgId, revokedBy: actor.userId, reason: "leaked" });
    expect(event.envelope).toMatchObject({ eventType: "auth.key-revoked", source: "auth-key" });
  });

  it("deletes a key with its secrets and tells the gateways", async () => {
    const { key, secret } = await createKey();
    await harness.admin.deleteKey({ actor, id: key!.id });
    await expect(harness.admin.getKey({ actor, id: key!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(verify(secret!.key)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await harness.db("api_key_secrets").where({ key_id: key!.id })).toHaveLength(0);
    await waitFor(() => revoked.find((event) => event.payload.keyId === key!.id && event.payload.reason === "deleted"), { description: "deletion announced" });
  });

  it("lists the keys of a project", async () => {
    const { keys } = await harness.admin.listKeys({ actor, projectId });
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.every((key) => key.projectId === projectId)).toBe(true);
  });

  it("records every change in the audit trail and on Kafka, without secrets", async () => {
    const { key, secret } = await createKey({ metadataJson: '{"team":"search"}' });
    const { records } = await harness.admin.listAuditRecords({ actor, orgId: "", actorId: "", action: "key.create", resourceType: "", resourceId: key!.id, sinceMs: 0, untilMs: 0, beforeSequence: 0, limit: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorId: actor.userId, actorRole: "platform_admin", action: "key.create", resourceType: "api_key", orgId: key!.orgId, clientIp: "192.0.2.10", beforeJson: "" });
    expect(records[0]!.requestId).toMatch(/^req_/);
    expect(JSON.parse(records[0]!.afterJson)).toMatchObject({ id: key!.id, metadata: { team: "search" }, status: "active" });
    const event = await waitFor(() => audited.find((candidate) => candidate.payload.auditId === records[0]!.id), { description: "audit event" });
    expect(event.payload).toMatchObject({ action: "key.create", resourceId: key!.id, orgId: key!.orgId, actorId: actor.userId });
    expect(event.key).toBe(key!.orgId);
    for (const text of [JSON.stringify(records), JSON.stringify(audited.map((item) => item.payload))]) {
      expect(text).not.toContain(secret!.key);
      expect(text).not.toContain(secret!.signingSecret);
    }
  });

  it("keeps the audit trail append-only, even against direct SQL", async () => {
    await expect(harness.db("audit_records").update({ action: "tampered" })).rejects.toThrow(/append-only/);
    await expect(harness.db("audit_records").delete()).rejects.toThrow(/append-only/);
    await expect(harness.db.raw("TRUNCATE audit_records")).rejects.toThrow(/append-only/);
  });

  it("never writes a key or signing secret to the logs", async () => {
    const { secret } = await createKey();
    await verify(secret!.key);
    await verify(secret!.key.slice(0, -2) + "xx").catch(() => undefined);
    expect(logs.text()).not.toContain(secret!.key.slice(8));
    expect(logs.text()).not.toContain(secret!.signingSecret);
    expect(logs.text()).not.toContain(harness.adminToken);
  });
});

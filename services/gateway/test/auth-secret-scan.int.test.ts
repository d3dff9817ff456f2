import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import kafkajs from "kafkajs";
import { createDatabase, createRedis } from "@llm-serve/common";
import { signRequest } from "@llm-serve/signing";
import { INFRA, REPO_ROOT, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthStack, type AuthStack } from "./auth-harness.js";

/**
 * Shapes of secrets that must never be stored or sent in the clear: our API keys, admin tokens and
 * signing secrets, and vendor keys of the `sk-…` (OpenAI, Anthropic, DeepSeek…) and `AIza…` (Google)
 * kinds. Redacted forms (`sk-llms-AbCd…wxyz`) are too short to match.
 */
const SECRET_SHAPES = ["sk-[A-Za-z0-9_-]{20,}", "llms-admin-[A-Za-z0-9_-]{40,}", "llms-sig-[A-Za-z0-9_-]{40,}", "AIza[0-9A-Za-z_-]{35}"];

/** The schemas of the platform started by deploy/local (always scanned whole). */
const PLATFORM_SCHEMAS = ["auth_key", "gateway", "model_registry", "quota", "billing", "analytics", "assistant"];

interface Finding {
  where: string;
  excerpt: string;
}

function findIn(where: string, text: string, pattern: RegExp): Finding[] {
  return [...text.matchAll(pattern)].map((match) => ({ where, excerpt: `${match[0].slice(0, 12)}…` }));
}

/** Tables this large (a benchmark's synthetic rows) are left out, unless they belong to `mustScan`. */
const MAX_ROWS_OUTSIDE_SCOPE = 100_000;

/** Other test runs drop their schemas while we read: a table gone in between has nothing to find. */
async function matchingRows(db: ReturnType<typeof createDatabase>, schema: string, table: string, pattern: string): Promise<Array<{ match: string }>> {
  try {
    return (await db.raw(`SELECT substring(x::text from ?) AS match FROM ??.?? x WHERE x::text ~ ? LIMIT 5`, [pattern, schema, table, pattern])).rows;
  } catch (error) {
    if (["42P01", "3F000"].includes((error as { code?: string }).code ?? "")) return [];
    throw error;
  }
}

/**
 * Every row of every table of every schema, as Postgres renders it (bytea as hex), except very large
 * tables of other runs' schemas; the schemas named in `mustScan` are always read whole.
 */
async function scanPostgres(pattern: string, mustScan: (schema: string) => boolean = () => true): Promise<Finding[]> {
  const db = createDatabase({ url: INFRA.databaseUrl, schema: "public", poolMax: 1 });
  try {
    const tables: Array<{ schema: string; table: string; rows: number }> = (
      await db.raw(
        `SELECT n.nspname AS schema, c.relname AS table, c.reltuples::bigint AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
      )
    ).rows;
    const findings: Finding[] = [];
    for (const { schema, table, rows } of tables) {
      if (rows > MAX_ROWS_OUTSIDE_SCOPE && !mustScan(schema)) continue;
      const matches = await matchingRows(db, schema, table, pattern);
      findings.push(...matches.map((row) => ({ where: `postgres ${schema}.${table}`, excerpt: `${row.match.slice(0, 12)}…` })));
    }
    expect(tables.length).toBeGreaterThan(10);
    return findings;
  } finally {
    await db.destroy();
  }
}

const READ_BY_TYPE: Record<string, (key: string) => string[]> = {
  string: (key) => ["get", key],
  hash: (key) => ["hgetall", key],
  list: (key) => ["lrange", key, "0", "-1"],
  set: (key) => ["smembers", key],
  zset: (key) => ["zrange", key, "0", "-1"],
  stream: (key) => ["xrange", key, "-", "+"],
};

/** Every key of the shared Redis, with its value. */
async function scanRedis(pattern: RegExp): Promise<Finding[]> {
  const redis = createRedis({ url: INFRA.redisUrl });
  const findings: Finding[] = [];
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
      cursor = next;
      const types = ((await redis.pipeline(keys.map((key) => ["type", key])).exec()) ?? []).map(([, type]) => String(type));
      const reads = keys.map((key, index) => READ_BY_TYPE[types[index] ?? ""]?.(key) ?? ["exists", key]);
      const values = (await redis.pipeline(reads).exec()) ?? [];
      keys.forEach((key, index) => findings.push(...findIn(`redis ${key}`, `${key} ${JSON.stringify(values[index]?.[1] ?? "")}`, pattern)));
    } while (cursor !== "0");
    return findings;
  } finally {
    redis.disconnect();
  }
}

/** Every message (key, value, headers) of this run's topics and of the platform's own topics. */
async function scanKafka(namespace: string, pattern: RegExp): Promise<{ findings: Finding[]; messages: number }> {
  const kafka = new kafkajs.Kafka({ brokers: [INFRA.kafkaBrokers], clientId: "secret-scan", logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.llmserve.`) || topic.startsWith("llmserve."));
  const remaining = new Map<string, number>();
  for (const topic of topics) {
    for (const offsets of await admin.fetchTopicOffsets(topic)) if (Number(offsets.high) > Number(offsets.low)) remaining.set(`${topic}:${offsets.partition}`, Number(offsets.high));
  }
  await admin.disconnect();
  const findings: Finding[] = [];
  let messages = 0;
  const consumer = kafka.consumer({ groupId: `${namespace}.secret-scan` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      messages += 1;
      const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
      findings.push(...findIn(`kafka ${topic}`, [message.key?.toString() ?? "", message.value?.toString() ?? "", ...headers].join(" "), pattern));
      if (Number(message.offset) + 1 >= (remaining.get(`${topic}:${partition}`) ?? 0)) remaining.delete(`${topic}:${partition}`);
    },
  });
  try {
    await waitFor(() => remaining.size === 0, { timeoutMs: 120_000, description: "every topic read to its end" });
  } finally {
    await consumer.disconnect();
  }
  return { findings, messages };
}

function scanLogFiles(pattern: RegExp): Finding[] {
  const directory = join(REPO_ROOT, ".data", "logs");
  let files: string[] = [];
  try {
    files = readdirSync(directory).filter((file) => file.endsWith(".log"));
  } catch {
    return [];
  }
  return files.flatMap((file) => findIn(`log ${file}`, readFileSync(join(directory, file), "utf8"), pattern));
}

describe("no plaintext key or vendor secret anywhere", () => {
  let stack: AuthStack;
  let vendor: OpenAIMock;
  const vendorKey = `sk-proj-${randomBytes(30).toString("base64url")}`;
  const secrets: string[] = [vendorKey];
  const keep = <T extends string>(secret: T): T => (secrets.push(secret), secret);

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: vendorKey });
    stack = await startAuthStack("gwscan", {
      logLevel: "debug",
      services: [{ name: "model-registry", env: { SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" } }],
    });
    keep(stack.adminToken);
  });

  afterAll(async () => {
    await stack?.stop();
    await vendor?.close();
  });

  it("runs every secret-bearing flow: keys, rotation, signatures, admin tokens, a vendor credential", async () => {
    const admin = stack.adminToken;
    const model = {
      id: "scan-model",
      aliases: [],
      price_plan_id: "plan-standard",
      capability: { endpoints: ["chat.completions"], context_window: 128000, max_output_tokens: 4096, supports_streaming: true },
      deployments: [{ id: "scan-deployment", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: vendorKey }, upstream_model: "gpt-4o" }],
    };
    const created = await stack.call("POST", "/admin/models", { token: admin, body: model });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const quick = await stack.call("POST", "/admin/quickstart", { token: admin, body: {} });
    const key = keep(quick.body.key as string);
    keep(quick.body.api_key.signing_secret as string);
    await waitFor(async () => ((await stack.call("GET", "/v1/models", { token: key })).body.data as Array<{ id: string }>).some((entry) => entry.id === "scan-model"), {
      description: "the model reaches the gateway",
    });
    const chat = await stack.call("POST", "/v1/chat/completions", { token: key, body: { model: "scan-model", messages: [{ role: "user", content: "hello" }] } });
    expect(chat.status, JSON.stringify(chat.body)).toBe(200);

    const signed = await stack.call("POST", `/admin/projects/${quick.body.project.id}/keys`, { token: admin, body: { name: "signed", require_signature: true, metadata: { note: "scan" } } });
    const signedKey = keep(signed.body.key as string);
    const signingSecret = keep(signed.body.signing_secret as string);
    const headers = signRequest({ signingSecret, method: "GET", path: "/v1/models" });
    expect((await stack.call("GET", "/v1/models", { token: signedKey, headers })).status).toBe(200);
    expect((await stack.call("GET", "/v1/models", { token: signedKey, headers })).status).toBe(401);

    const rotated = await stack.call("POST", `/admin/keys/${quick.body.api_key.id}/rotate`, { token: admin, body: { grace_period_seconds: 60 } });
    keep(rotated.body.signing_secret as string);
    expect((await stack.call("GET", "/v1/models", { token: keep(rotated.body.key as string) })).status).toBe(200);
    const nearMiss = keep(`${key.slice(0, -3)}${key.endsWith("xyz") ? "abc" : "xyz"}`);
    expect((await stack.call("GET", "/v1/models", { token: nearMiss })).status).toBe(401);
    // A client that sends its vendor key to the gateway by mistake must not have it kept anywhere.
    expect((await stack.call("GET", "/v1/models", { token: vendorKey })).status).toBe(401);

    const user = await stack.call("POST", "/admin/users", { token: admin, body: { name: "scan", role: "org_admin", organization_id: quick.body.organization.id } });
    const issued = await stack.call("POST", `/admin/users/${user.body.id}/tokens`, { token: admin, body: {} });
    expect((await stack.call("GET", "/admin/me", { token: keep(issued.body.token as string) })).status).toBe(200);
    await stack.call("DELETE", `/admin/users/${user.body.id}/tokens/${issued.body.id}`, { token: admin });
    expect((await stack.call("GET", "/admin/me", { token: issued.body.token })).status).toBe(401);
    await stack.call("POST", `/admin/keys/${signed.body.id}/revoke`, { token: admin, body: { reason: "scan" } });
    await stack.call("DELETE", `/admin/keys/${quick.body.api_key.id}`, { token: admin });
    expect(secrets.length).toBeGreaterThanOrEqual(10);
  });

  it("would find a planted secret (the scan is not blind)", async () => {
    const planted = `sk-llms-${randomBytes(32).toString("base64url")}`;
    const pattern = new RegExp(SECRET_SHAPES.join("|"), "g");
    const redis = createRedis({ url: INFRA.redisUrl });
    const db = createDatabase({ url: INFRA.databaseUrl, schema: `gw_${stack.isolation}`, poolMax: 1 });
    try {
      await redis.set(`${stack.isolation}:planted`, planted, "EX", 60);
      await db.raw("CREATE TABLE planted (value bytea)");
      await db("planted").insert({ value: Buffer.from(planted) });
      expect((await scanRedis(pattern)).map((finding) => finding.where)).toContain(`redis ${stack.isolation}:planted`);
      const hex = Buffer.from(planted).toString("hex");
      expect((await scanPostgres(`(${hex})`, (schema) => schema === `gw_${stack.isolation}`)).map((finding) => finding.where)).toEqual([`postgres gw_${stack.isolation}.planted`]);
    } finally {
      await redis.del(`${stack.isolation}:planted`);
      await db.raw("DROP TABLE IF EXISTS planted");
      redis.disconnect();
      await db.destroy();
    }
  });

  it("finds none of them, nor anything shaped like them, in Postgres, Redis, Kafka or the logs", async () => {
    const literals = [...secrets, ...secrets.map((secret) => Buffer.from(secret).toString("hex"))];
    const source = [...SECRET_SHAPES, ...literals].join("|");
    const pattern = new RegExp(source, "g");
    const db = createDatabase({ url: INFRA.databaseUrl, schema: `ak_${stack.isolation}`, poolMax: 1 });
    await waitFor(async () => Number((await db("outbox").whereNull("sent_at").count<{ count: number }[]>({ count: "*" }))[0]?.count) === 0, { description: "auth-key's outbox relayed" });
    await db.destroy();

    const kafka = await scanKafka(stack.isolation, pattern);
    expect(kafka.messages).toBeGreaterThan(20);
    // Services write their log lines out within 250 ms (common/logging): read them after that.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = [
      ...findIn("gateway log", stack.logs.text(), pattern),
      ...findIn("auth-key log", stack.authKey.output(), pattern),
      ...findIn("model-registry log", stack.services[0]!.output(), pattern),
      ...scanLogFiles(pattern),
    ];
    expect(stack.logs.lines.length).toBeGreaterThan(20);
    const ours = (schema: string) => schema.endsWith(stack.isolation) || PLATFORM_SCHEMAS.includes(schema);
    const findings = [...(await scanPostgres(`(${source})`, ours)), ...(await scanRedis(pattern)), ...kafka.findings, ...logs];
    expect(findings).toEqual([]);
  }, 300_000);
});

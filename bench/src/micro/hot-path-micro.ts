import { createHmac, createSecretKey, randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { estimateChatPromptTokens } from "@llm-serve/adapters";
import { createDatabase, createLogger } from "@llm-serve/common";
import { cycleAt, KeyLayout, PolicyIndex, UserQuota, type QuotaPolicy } from "@llm-serve/quota-engine";
import { INFRA, uniqueId } from "@llm-serve/testkit";
import { destination as pinoDestination } from "pino";
import { LatencyRecorder } from "../load/latency-recorder.js";

const run = promisify(execFile);

export interface MicroResult {
  name: string;
  /** What the gateway does per request that this stands for. */
  onThePath: string;
  /** Microseconds per operation (mean; p50 / p99 where operations were timed one by one), or bytes per call. */
  unit: "µs" | "bytes" | "MiB";
  meanMicros: number;
  p50Micros?: number;
  p99Micros?: number;
}

const SECRET = `sk-llms-${randomBytes(24).toString("base64url")}`;
const MESSAGES = [
  { role: "system" as const, content: "You are a helpful assistant." },
  { role: "user" as const, content: "Say hello to the benchmark in one short sentence." },
];
const LONG_MESSAGES = [{ role: "user" as const, content: "The quick brown fox jumps over the lazy dog. ".repeat(92) }];

/** The bench's default key policy: a request and a token counter per minute. */
function measureQuotaPlan(): MicroResult {
  const policy: QuotaPolicy = { id: "default.key", scope: "key", scopeId: "", orgId: "", model: "", failMode: "closed", warningThresholdsBps: [], timezone: "", version: 1, isDefault: true, requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000_000 };
  const index = new PolicyIndex([], [policy]);
  const context = { settings: { timezone: "UTC", warningThresholdsBps: [8_000, 9_500] }, layout: new KeyLayout("llmserve:quota:"), holdKeyTtlMs: 180_000 };
  const subject = { keyId: "key_377d5d40f522197324aca66f", projectId: "proj_1", orgId: "org_1" };
  return timeSync("quota plan of a request (2 counters of one policy)", "UserQuota.of + plan on every reserve: keys, window, thresholds and ref, built once per cycle of a counter and shared", () => UserQuota.of(index, subject, "bench-chat").plan({ tokens: 160, costMicros: 0 }, { ...context, nowMs: Date.now() }), 20_000);
}

/**
 * Costs of single steps of the gateway's request path, measured alone on this machine: the numbers
 * behind the proposals in docs/performance.md.
 */
export async function measureHotPathSteps(): Promise<MicroResult[]> {
  const results: MicroResult[] = [];
  const bufferKey = randomBytes(32);
  const keyObject = createSecretKey(bufferKey);
  results.push(timeSync("HMAC-SHA256 digest, raw Buffer key", "PrincipalCache.digest: the key cache's lookup key, every request", () => createHmac("sha256", bufferKey).update(SECRET, "utf8").digest("base64url")));
  results.push(timeSync("HMAC-SHA256 digest, KeyObject made once", "the same with createSecretKey() at start-up", () => createHmac("sha256", keyObject).update(SECRET, "utf8").digest("base64url")));
  results.push(await timeAsync("tokenizer, the bench prompt (2 short messages)", "estimateChatPromptTokens for the quota reservation, every chat request", () => estimateChatPromptTokens({ messages: MESSAGES })));
  results.push(await timeAsync("tokenizer, a 4 KB prompt", "the same for a typical real prompt", () => estimateChatPromptTokens({ messages: LONG_MESSAGES })));
  const zoned = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  let instant = Date.now();
  results.push(timeSync("Intl.DateTimeFormat#formatToParts, one instant", "quota-engine partsAt: wall-clock parts in the policy's time zone", () => zoned.formatToParts(new Date((instant += 1_000)))));
  results.push(timeSync("quota-engine cycleAt(minute, UTC), one counter window", "each rate counter's window, computed on reserve and again on settle", () => cycleAt("minute", (instant += 1_000), "UTC"), 20_000));
  results.push(measureQuotaPlan());
  results.push(...(await measureLogging()));
  results.push(measureJson());
  results.push(...(await measureOutboxInsert()));
  results.push(await measureRetention("timeout-signal", "heap kept per upstream call after a full GC: AbortSignal.any([caller, AbortSignal.timeout(600 s), stage]), as UndiciTransport.send built it before 796af4d"));
  results.push(await measureRetention("cleared-timer", "the same with a setTimeout cleared when the call ends (the approach of 796af4d)"));
  results.push(await measureTokenizerMemory("gateway"), await measureTokenizerMemory("js-tiktoken"));
  return results;
}

async function measureTokenizerMemory(table: "gateway" | "js-tiktoken"): Promise<MicroResult> {
  const script = fileURLToPath(new URL("./tokenizer-memory.js", import.meta.url));
  const { stdout } = await run(process.execPath, ["--expose-gc", script, ...(table === "js-tiktoken" ? ["js-tiktoken"] : [])]);
  const { rssBytes, heapBytes } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { rssBytes: number; heapBytes: number };
  const mebibytes = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
  return table === "gateway"
    ? { name: `tokenizer ranks (o200k) loaded, CompactRanks: RSS (heap ${mebibytes(heapBytes)} MiB)`, onThePath: "built by the gateway before it is ready, kept for its lifetime (ADR 0032)", unit: "MiB", meanMicros: mebibytes(rssBytes) }
    : { name: `tokenizer ranks (o200k) loaded, js-tiktoken's Tiktoken: RSS (heap ${mebibytes(heapBytes)} MiB)`, onThePath: "the same table as the gateway held it before ADR 0032", unit: "MiB", meanMicros: mebibytes(rssBytes) };
}

async function measureLogging(): Promise<MicroResult[]> {
  const directory = mkdtempSync(join(tmpdir(), "bench-log-"));
  try {
    const line = (logger: ReturnType<typeof createLogger>) => () => logger.child({ requestId: "req_0123456789abcdef0123456789abcdef" }).info({ method: "POST", path: "/v1/chat/completions", status: 200, durationMs: 3 }, "request");
    const syncLogger = createLogger({ service: "gateway", version: "0.1.0", level: "info", destination: pinoDestination({ dest: join(directory, "sync.log"), sync: true }) });
    const asyncDestination = pinoDestination({ dest: join(directory, "async.log"), sync: false, minLength: 4_096 });
    const asyncLogger = createLogger({ service: "gateway", version: "0.1.0", level: "info", destination: asyncDestination });
    await once(asyncDestination, "ready");
    const results = [
      timeSync("request log line, child logger, synchronous write", "requestContext: one canonical line per request (pino's default destination)", line(syncLogger), 20_000),
      timeSync("request log line, child logger, buffered write", "the same with pinoDestination({ sync: false, minLength: 4096 })", line(asyncLogger), 20_000),
    ];
    asyncDestination.end();
    await once(asyncDestination, "close");
    return results;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function measureJson(): MicroResult {
  const embedding = Array.from({ length: 1_536 }, () => Math.random() * 2 - 1);
  const body = JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding }], model: "text-embedding-3-small", usage: { prompt_tokens: 9, total_tokens: 9 } });
  return timeSync("embeddings answer (1,536 floats): JSON.parse + JSON.stringify", "the adapter parses the vendor's answer, the route serialises it again", () => JSON.stringify(JSON.parse(body)), 2_000);
}

/** One row per INSERT (a lone request's group commit) and 32 rows per INSERT (32 clients' batch). */
async function measureOutboxInsert(): Promise<MicroResult[]> {
  const schema = uniqueId("micro_");
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  const row = () => ({ event_id: crypto.randomUUID(), topic: "bench", message_key: "k", headers: JSON.stringify({ "event-type": "usage.recorded" }), payload: "x".repeat(600) });
  try {
    await db.raw("CREATE SCHEMA ??", [schema]);
    await db.schema.withSchema(schema).createTable("outbox", (table) => {
      table.bigIncrements("seq").primary();
      table.uuid("event_id").notNullable().unique();
      table.text("topic").notNullable();
      table.text("message_key").notNullable();
      table.jsonb("headers").notNullable();
      table.text("payload").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("sent_at", { useTz: true }).nullable();
    });
    const one = await timeAsync("outbox INSERT, 1 row, own transaction (fsync'd commit)", "GroupCommitOutbox at 1 client: awaited before a non-streaming answer is sent", () => db("outbox").insert(row()), 500);
    const batch = await timeAsync("outbox INSERT, 32 rows, own transaction", "the same batch at 32 clients (per INSERT, not per row)", () => db("outbox").insert(Array.from({ length: 32 }, row)), 200);
    return [one, batch];
  } finally {
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
  }
}

/** Runs abort-signal-retention.js under --expose-gc; the figure is bytes per call, not microseconds. */
async function measureRetention(mode: "timeout-signal" | "cleared-timer", onThePath: string): Promise<MicroResult> {
  const script = fileURLToPath(new URL("./abort-signal-retention.js", import.meta.url));
  const { stdout } = await run(process.execPath, ["--expose-gc", script, mode, "100000"]);
  const { retainedBytesPerCall } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { retainedBytesPerCall: number };
  return { name: `abort signals, ${mode === "timeout-signal" ? "composed with a timeout signal" : "with a cleared timer"}: heap retained per call`, onThePath, unit: "bytes", meanMicros: retainedBytesPerCall };
}

function timeSync(name: string, onThePath: string, operation: () => unknown, iterations = 50_000): MicroResult {
  for (let index = 0; index < Math.min(iterations, 2_000); index += 1) operation();
  const started = performance.now();
  for (let index = 0; index < iterations; index += 1) operation();
  return { name, onThePath, unit: "µs", meanMicros: round(((performance.now() - started) * 1_000) / iterations) };
}

async function timeAsync(name: string, onThePath: string, operation: () => Promise<unknown>, iterations = 5_000): Promise<MicroResult> {
  for (let index = 0; index < Math.min(iterations, 50); index += 1) await operation();
  const recorder = new LatencyRecorder();
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    await operation();
    recorder.record(performance.now() - started);
  }
  const summary = recorder.summary();
  return { name, onThePath, unit: "µs", meanMicros: round(summary.mean * 1_000), p50Micros: round(summary.p50 * 1_000), p99Micros: round(summary.p99 * 1_000) };
}

function round(micros: number): number {
  return Math.round(micros * 10) / 10;
}

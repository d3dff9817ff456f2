/**
 * `pnpm bench`: starts a mock upstream and the platform (each service its own process, isolated from
 * anything else running on the machine), provisions a key and models through the admin API, then
 * measures the mock directly (a) against the gateway's full path (b). See docs/adr/0010-benchmarks.md.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { processTree } from "./measure/process-tree.js";
import { REPO_ROOT, uniqueId, waitFor } from "@llm-serve/testkit";
import { countUsageEvents } from "./measure/usage-events.js";
import { describeCommit, describeMachine } from "./measure/machine.js";
import { parseOptions, USAGE } from "./options.js";
import { schemasOf } from "./platform/platform-env.js";
import { provision, type Provisioned } from "./platform/provision.js";
import { startPlatform, type BenchPlatform } from "./platform/start-platform.js";
import { profileGateway } from "./profile/profile-gateway.js";
import { checkTargets, compare } from "./report/compare.js";
import { measureHotPathSteps } from "./micro/hot-path-micro.js";
import { renderMicro, renderResults, renderSoak } from "./report/render-markdown.js";
import type { BenchReport, PathDescription } from "./report/results.js";
import { readLatestSoak, writeMicroReport, writeReport } from "./report/write-report.js";
import { residentMiB } from "./measure/process-memory.js";
import { runScenarios, type Targets } from "./run-scenarios.js";
import { probe, scenarioRequest, type Endpoint } from "./scenarios.js";
import { runSoak } from "./soak.js";
import { runPeers } from "./peers/peers-mode.js";
import { renderPeers } from "./report/render-peers.js";
import { writePeersReport } from "./report/write-report.js";
import { startMockUpstream, type MockUpstreamProcess } from "./upstream/start-mock-upstream.js";

const REPLY_TEXT = "Hello from the benchmark upstream.";
const SOAK_WARMUP_MS = 60_000;
const log = (message: string) => console.log(`[bench] ${message}`);

const options = (() => {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    process.exit(2);
  }
})();

const startedAt = new Date().toISOString();
const machine = await describeMachine();
const commit = describeCommit(REPO_ROOT);
if (options.micro) {
  log("timing single steps of the request path");
  const results = await measureHotPathSteps();
  console.log(`\n${renderMicro(results, { startedAt, commit, machine })}\n`);
  log(`written: ${(await writeMicroReport(results, { startedAt, commit, machine }, { docs: options.docs })).join(", ")}`);
  process.exit(0);
}

const isolation = uniqueId("bench");
const runDirectory = join(REPO_ROOT, ".data", "bench", isolation);
log(`run ${isolation} on ${commit.sha.slice(0, 10)}; ${machine.idleBeforeRunPercent}% idle, load average ${machine.loadAverage}; logs in ${runDirectory}`);

const vendorKey = `sk-bench-vendor-${randomBytes(12).toString("hex")}`;
let upstream: MockUpstreamProcess | undefined;
let platform: BenchPlatform | undefined;
let stopping: Promise<void> | undefined;
const stopEverything = () => (stopping ??= (async () => {
  await platform?.stop({ keepData: options.keep }).catch((error: unknown) => log(`stopping the platform: ${String(error)}`));
  await upstream?.stop();
})());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopEverything().then(() => process.exit(130)));

try {
  upstream = await startMockUpstream({ apiKey: vendorKey, replyText: REPLY_TEXT });
  platform = await startPlatform(isolation, runDirectory, { GATEWAY_WORKERS: options.gatewayWorkers, ...options.gatewayEnv });
  log(`mock upstream ${upstream.url} (pid ${upstream.pid}); gateway ${platform.gatewayUrl} (pid ${platform.gateway.pid})`);
  for (const problem of platform.missing) log(`not started (optional): ${problem}`);
  const provisioned = await provision(platform, { baseUrl: upstream.baseUrl, apiKey: vendorKey }, options.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: options.totalTimeoutMs });
  log(`key: ${provisioned.keySource}; models: ${provisioned.modelSource}; price plan: ${provisioned.pricePlanSource}`);
  const targets = targetsOf(upstream, platform, provisioned);
  await waitUntilRouted(targets);
  if (options.peers !== undefined) await peersMode(targets, provisioned, options.peers);
  else {
    const report = options.soak === undefined ? await scenarioMode(targets, provisioned) : await soakMode(targets, provisioned, options.soak);
    const written = await writeReport(report, { docs: options.docs, experiment: Object.keys(options.gatewayEnv).length > 0 || options.totalTimeoutMs !== undefined });
    console.log(`\n${report.soak ? renderSoak(report) : renderResults(report)}\n`);
    log(`written: ${written.join(", ")}`);
  }
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopEverything();
}

/** The gateway's worker processes as measured: its cluster workers, or 1 when it runs alone. */
function gatewayWorkerCount(): number {
  const gatewayPid = (platform as BenchPlatform).gateway.pid;
  return Math.max(1, processTree(gatewayPid).length - 1);
}

function backendPids(): Record<string, number> {
  return Object.fromEntries((platform as BenchPlatform).backends.map((service) => [service.name, service.pid]));
}

function targetsOf(mock: MockUpstreamProcess, running: BenchPlatform, provisioned: Provisioned): Targets {
  const direct: Endpoint = { origin: mock.url, prefix: "/v1", bearer: vendorKey, chatModel: "gpt-4o-mini", embeddingModel: "text-embedding-3-small" };
  const gateway: Endpoint = { origin: running.gatewayUrl, prefix: "/v1", bearer: provisioned.apiKey, chatModel: provisioned.chatModel, embeddingModel: provisioned.embeddingModel };
  return { direct, gateway, expectedText: { direct: REPLY_TEXT, gateway: provisioned.viaUpstream ? REPLY_TEXT : undefined } };
}

/** A new model reaches the gateway's routing table by event or by its periodic refresh. */
async function waitUntilRouted(targets: Targets): Promise<void> {
  const request = scenarioRequest("chat", targets.gateway);
  let last = "";
  await waitFor(
    async () => {
      const checked = await probe("chat", request, targets.expectedText.gateway);
      last = checked.problem ?? "";
      return checked.ok;
    },
    { timeoutMs: 30_000, intervalMs: 250, description: `the gateway to serve ${targets.gateway.chatModel} (last answer: ${last})` },
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : error}; last answer: ${last}`);
  });
}

async function pathDescription(provisioned: Provisioned, quotaHeaders: string[]): Promise<PathDescription> {
  const usageEvents = await countUsageEvents(schemasOf(isolation).gateway);
  const notStarted = (platform as BenchPlatform).missing;
  return { keySource: provisioned.keySource, modelSource: provisioned.modelSource, viaUpstream: provisioned.viaUpstream, quotaHeaders, usageEvents, notStarted };
}

function baseReport(path: PathDescription, conditions: string): Omit<BenchReport, "scenarios" | "comparisons" | "targets"> {
  return { startedAt, finishedAt: new Date().toISOString(), commit, machine, conditions, settings: { warmupMs: options.warmupMs, durationMs: options.durationMs, clients: options.clients, gatewayWorkers: gatewayWorkerCount(), gatewayEnv: options.gatewayEnv, ...(options.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: options.totalTimeoutMs }) }, path };
}

async function scenarioMode(targets: Targets, provisioned: Provisioned): Promise<BenchReport> {
  const gatewayPid = (platform as BenchPlatform).gateway.pid;
  const beforeLoadMiB = residentMiB(gatewayPid);
  const run = await runScenarios(options, targets, () => ({ upstream: upstream as MockUpstreamProcess, gatewayPid, backends: backendPids() }), log);
  const gatewayRss = { beforeLoadMiB, peakMiB: Math.max(0, ...run.results.filter((result) => result.target === "gateway").map((result) => result.peakRssMiB)), afterLoadMiB: residentMiB(gatewayPid) };
  log(`gateway RSS: ${gatewayRss.beforeLoadMiB} MiB before the load, ${gatewayRss.peakMiB} MiB at its peak, ${gatewayRss.afterLoadMiB} MiB after it`);
  const path = await pathDescription(provisioned, run.quotaHeaders);
  const busy = run.results.map((result) => result.machineBusyPercent).filter((value) => value > 0);
  const conditions = busy.length > 0 ? `the machine was ${Math.min(...busy)}–${Math.max(...busy)}% busy during the scenarios (every process counted, ours included)` : "no scenario ran";
  const comparisons = compare(run.results);
  const report: BenchReport = { ...baseReport(path, conditions), scenarios: run.results, comparisons, targets: checkTargets(run.results, comparisons, await readLatestSoak()), gatewayRss };
  if (options.profile) {
    const clients = Math.max(...options.clients);
    log(`profiling the gateway (--cpu-prof), ${clients} clients, non-streaming chat`);
    const profile = await profileGateway(platform as BenchPlatform, scenarioRequest("chat", targets.gateway), {
      clients,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      whenServing: () => waitUntilRouted(targets),
    });
    report.profile = profile;
    log(`profile: ${profile.throughput} req/s under the profiler; top: ${profile.topFunctions.slice(0, 5).map((entry) => `${entry.name} ${entry.selfPercent}%`).join(", ")}`);
  }
  report.finishedAt = new Date().toISOString();
  return report;
}

/** `--peers`: the same scenarios against the mock, LLM Serve and each peer gateway, one at a time. */
async function peersMode(targets: Targets, provisioned: Provisioned, peers: string[]): Promise<void> {
  const running = { upstream: upstream as MockUpstreamProcess, platform: platform as BenchPlatform };
  const report = await runPeers(
    { ...running, peers, warmupMs: options.warmupMs, durationMs: options.durationMs, runDirectory, vendorKey, replyText: REPLY_TEXT, direct: targets.direct, gateway: targets.gateway, viaUpstream: provisioned.viaUpstream, pricePlanSource: provisioned.pricePlanSource, context: { startedAt, commit, machine } },
    log,
  );
  const written = await writePeersReport(report, { docs: options.docs });
  console.log(`\n${renderPeers(report)}\n`);
  log(`written: ${written.join(", ")}`);
  if (report.targets.some((target) => target.problem !== undefined)) process.exitCode = 1;
}

async function soakMode(targets: Targets, provisioned: Provisioned, requests: number): Promise<BenchReport> {
  const clients = Math.max(...options.clients);
  log(`soak: ${requests.toLocaleString("en-US")} requests, ${clients} clients, non-streaming chat through the gateway`);
  const request = scenarioRequest("chat", targets.gateway);
  const quotaHeaders = Object.keys((await probe("chat", request, targets.expectedText.gateway)).headers).filter((name) => name.startsWith("x-ratelimit-"));
  // The first tens of seconds of full load grow V8's heap to its working size; "start" is after that.
  const soak = await runSoak(request, (platform as BenchPlatform).gateway.pid, { requests, clients, services: backendPids(), warmupMs: Math.max(options.warmupMs, SOAK_WARMUP_MS), log });
  const path = await pathDescription(provisioned, quotaHeaders);
  const report: BenchReport = { ...baseReport(path, `soak of ${requests.toLocaleString("en-US")} requests`), scenarios: [], comparisons: [], targets: checkTargets([], [], soak), soak };
  report.settings.warmupMs = Math.max(options.warmupMs, SOAK_WARMUP_MS);
  return report;
}

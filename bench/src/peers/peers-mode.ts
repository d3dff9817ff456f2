import { countConsumedUsage } from "../measure/consumed-usage.js";
import { residentMiB } from "../measure/process-memory.js";
import { countUsageEvents } from "../measure/usage-events.js";
import { schemasOf } from "../platform/platform-env.js";
import type { CommitDescription, MachineDescription } from "../measure/machine.js";
import type { BenchPlatform } from "../platform/start-platform.js";
import { PEER_SCENARIOS, type PeerReport, type PeerTargetResult } from "../report/peer-results.js";
import type { Endpoint } from "../scenarios.js";
import type { MockUpstreamProcess } from "../upstream/start-mock-upstream.js";
import { installPeer, peersDirectory } from "./install-peers.js";
import { LITELLM } from "./litellm.js";
import { measureTarget, type MeasureSettings } from "./measure-target.js";
import type { PeerDefinition } from "./peer.js";
import { PORTKEY } from "./portkey.js";

export const PEERS: readonly PeerDefinition[] = [PORTKEY, LITELLM];

/**
 * Each target gets 15 s of load before its first scenario. Without it, LLM Serve's first scenario
 * after its platform's start measured 1,161 req/s at 32 clients (5 December 12:33, quiet machine),
 * where `pnpm bench` on the same commit measured 1,456 minutes later, after its other scenarios.
 */
const PEER_SETTLE_MS = 15_000;

export interface PeersRun {
  peers: string[];
  warmupMs: number;
  durationMs: number;
  runDirectory: string;
  upstream: MockUpstreamProcess;
  platform: BenchPlatform;
  /** The mock's own address and key (target "mock directly"). */
  direct: Endpoint;
  /** LLM Serve's endpoint: the provisioned key and model. */
  gateway: Endpoint;
  vendorKey: string;
  replyText: string;
  /** Whether the gateway's answers come from the mock (then its text is checked). */
  viaUpstream: boolean;
  /** How the bench models' price plan was made (provision.ts). */
  pricePlanSource: string;
  context: { startedAt: string; commit: CommitDescription; machine: MachineDescription };
}

/**
 * `pnpm bench --peers`: the mock directly, then LLM Serve as deployed, then each peer, one target at
 * a time (a peer is started for its turn and stopped after it), the same scenarios for all.
 */
export async function runPeers(run: PeersRun, log: (message: string) => void): Promise<PeerReport> {
  const settings: MeasureSettings = { scenarios: PEER_SCENARIOS, warmupMs: run.warmupMs, durationMs: run.durationMs, settleMs: PEER_SETTLE_MS };
  const targets: PeerTargetResult[] = [];
  const direct = await measureTarget("mock directly", { endpoint: run.direct, pid: run.upstream.pid, cpuProcesses: { upstream: run.upstream.pid }, expectedText: run.replyText }, settings, log);
  targets.push({ name: "mock directly", role: "direct", version: "the testkit's OpenAI mock, zero latency, its own process", description: "the upstream every target calls, measured alone", ...direct });

  const services = { gateway: run.platform.gateway.pid, ...Object.fromEntries(run.platform.backends.map((service) => [service.name, service.pid])) };
  const llmServe = await measureTarget("LLM Serve", { endpoint: run.gateway, pid: run.platform.gateway.pid, cpuProcesses: services, expectedText: run.viaUpstream ? run.replyText : undefined }, settings, log);
  targets.push({
    name: "LLM Serve",
    role: "llm-serve",
    version: `commit ${run.context.commit.sha.slice(0, 10)}, node ${process.version}, ${Object.keys(services).length} services`,
    description: "the platform as deployed: API key (HMAC), quota reserved and settled in Redis, routing from the registry, a usage event per call through the outbox to Kafka, consumed by billing and analytics",
    ...llmServe,
    platformRssAfterLoadMiB: Math.round(Object.values(services).reduce((sum, pid) => sum + residentMiB(pid), 0) * 10) / 10,
    usage: await usageOf(run),
  });

  const directory = peersDirectory();
  for (const id of run.peers) {
    const definition = PEERS.find((peer) => peer.id === id);
    if (!definition) throw new Error(`unknown peer ${id} (known: ${PEERS.map((peer) => peer.id).join(", ")})`);
    targets.push(await measurePeer(definition, directory, run, settings, log));
  }
  return { ...run.context, finishedAt: new Date().toISOString(), settings: { warmupMs: run.warmupMs, durationMs: run.durationMs }, targets };
}

/** The usage events of LLM Serve's calls, followed to their consumers. */
async function usageOf(run: PeersRun): Promise<NonNullable<PeerTargetResult["usage"]>> {
  const schemas = schemasOf(run.platform.isolation);
  const events = await countUsageEvents(schemas.gateway);
  const consumed = await countConsumedUsage(schemas, events.sentToKafka);
  return { ...events, ...consumed, pricePlan: run.pricePlanSource };
}

async function measurePeer(definition: PeerDefinition, directory: string, run: PeersRun, settings: MeasureSettings, log: (message: string) => void): Promise<PeerTargetResult> {
  const base = { name: definition.name, role: "peer" as const, description: definition.description, measurements: [] };
  const installProblem = installPeer(definition.id, log);
  if (installProblem !== undefined) return { ...base, version: "not installed", problem: installProblem };
  let peer;
  try {
    peer = await definition.start({ peersDirectory: directory, runDirectory: run.runDirectory, upstream: run.upstream, vendorKey: run.vendorKey });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${definition.name} did not start: ${message}`);
    return { ...base, version: "installed", problem: `did not start: ${message.split("\n")[0]}` };
  }
  log(`${definition.name} (${peer.version}) at ${peer.endpoint.origin}, pid ${peer.pid}`);
  try {
    const measured = await measureTarget(definition.name, { endpoint: peer.endpoint, pid: peer.pid, cpuProcesses: { [definition.id]: peer.pid }, expectedText: run.replyText }, settings, log);
    return { ...base, version: peer.version, ...measured };
  } finally {
    await peer.stop();
  }
}

import type { LatencySummary } from "../load/latency-recorder.js";
import type { CommitDescription, MachineDescription } from "../measure/machine.js";
import type { ProfileSummary } from "../profile/summarize-cpu-profile.js";
import type { ScenarioKind, Target } from "../scenarios.js";

export interface ScenarioResult {
  kind: ScenarioKind;
  target: Target;
  clients: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  durationMs: number;
  /** Requests per second. */
  throughput: number;
  latency: LatencySummary;
  /** Streams: time to the first event. */
  firstByte?: LatencySummary;
  /** Peak RSS (MiB) of the server under test: the mock upstream for `direct`, the gateway (all its processes) for `gateway`. */
  peakRssMiB: number;
  /** Peak RSS of the mock upstream during a `gateway` scenario. */
  upstreamPeakRssMiB?: number;
  /** CPU time per request (microseconds) of each process on the path. */
  cpuMicrosPerRequest: Record<string, number>;
  /** How busy the whole machine was (percent of both cores) — the load generator and other people's work included. */
  machineBusyPercent: number;
  /** Connections the mock upstream accepted during the scenario: few means keep-alive works. */
  upstreamConnectionsOpened: number;
}

/** (b)/(a) for one kind of request at one concurrency. */
export interface Comparison {
  kind: ScenarioKind;
  clients: number;
  throughputRatio: number;
  p50Ratio: number;
  p99Ratio: number;
  /** Gateway minus direct, milliseconds. */
  addedP50Ms: number;
  addedP99Ms: number;
  addedFirstByteP50Ms?: number;
  addedFirstByteP99Ms?: number;
}

export interface TargetCheck {
  target: string;
  figure: string;
  met: boolean | null;
}

export interface PathDescription {
  keySource: string;
  modelSource: string;
  /** The mock upstream answered through the gateway (checked by its reply text). */
  viaUpstream: boolean;
  /** The gateway sent `x-ratelimit-*` headers: a quota policy was reserved and settled. */
  quotaHeaders: string[];
  /** Usage events in the gateway's outbox, and how many of them the relay had sent to Kafka. */
  usageEvents: { written: number; sentToKafka: number };
  /** Optional services that did not start in this run, and why. */
  notStarted: string[];
}

export interface SoakResult {
  requests: number;
  clients: number;
  durationMs: number;
  throughput: number;
  errors: number;
  latency: LatencySummary;
  /** Gateway RSS (MiB): before the load, then after warm-up, half-way and at the end of the measured requests. */
  rssMiB: { idle: number; start: number; middle: number; end: number; min: number; max: number };
  /** (end − start) / start, percent. */
  driftPercent: number;
  /** Largest distance from the start value over the measured part, percent. */
  maxDeviationPercent: number;
  /** [completed requests, RSS MiB] every few seconds. */
  samples: [number, number][];
  /**
   * RSS (MiB) of every service of the platform before the soak's load and right after it; the
   * gateway's also at its peak during the measured requests (its high-water mark). Absent in older runs.
   */
  footprint?: Array<{ service: string; beforeMiB: number; afterMiB: number; peakMiB?: number }>;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  commit: CommitDescription;
  machine: MachineDescription;
  /** How busy the machine was while the scenarios ran (percent of both cores, including our own processes). */
  conditions: string;
  /** `gatewayEnv`: extra environment of an experiment run (empty for the reference runs). */
  /** `gatewayWorkers`: processes of the measured gateway (GATEWAY_WORKERS; the profile always uses one). */
  settings: { warmupMs: number; durationMs: number; clients: number[]; gatewayWorkers: number; gatewayEnv: Record<string, string>; totalTimeoutMs?: number };
  path: PathDescription;
  scenarios: ScenarioResult[];
  comparisons: Comparison[];
  targets: TargetCheck[];
  profile?: ProfileSummary & { throughput: number; clients: number; file: string };
  soak?: SoakResult;
  /** The gateway's RSS (MiB, whole process tree) before the first scenario, its highest peak in any scenario, and right after the last. */
  gatewayRss?: GatewayRss;
}

export interface GatewayRss {
  beforeLoadMiB: number;
  peakMiB: number;
  afterLoadMiB: number;
}

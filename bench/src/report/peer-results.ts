import type { LatencySummary } from "../load/latency-recorder.js";
import type { CommitDescription, MachineDescription } from "../measure/machine.js";
import type { ScenarioKind } from "../scenarios.js";

/** One scenario of `pnpm bench --peers`, the same for every target. */
export interface PeerScenario {
  kind: Extract<ScenarioKind, "chat" | "chat-stream">;
  clients: number;
}

/** Non-streaming chat at 32 and at 1 client, then the time to first byte of a stream at 1 client. */
export const PEER_SCENARIOS: readonly PeerScenario[] = [
  { kind: "chat", clients: 32 },
  { kind: "chat", clients: 1 },
  { kind: "chat-stream", clients: 1 },
];

export interface PeerMeasurement extends PeerScenario {
  /** Completed requests in the measured window (0: no load was sent, see `problem`). */
  requests: number;
  /** Answers other than 200 and transport failures in the measured window. */
  errors: number;
  /** The same during the warm-up. */
  warmupErrors: number;
  errorSamples: string[];
  /** Why no load was sent (the probe failed). */
  problem?: string;
  throughput: number;
  latency: LatencySummary;
  firstByte?: LatencySummary;
  /** Peak RSS of the target's processes during the scenario, MiB. */
  peakRssMiB: number;
  /** CPU time per request (microseconds) of each of the target's processes (LLM Serve: each service). */
  cpuMicrosPerRequest: Record<string, number>;
  /** How busy the whole machine was, percent of all cores. */
  machineBusyPercent: number;
}

export type PeerRole = "direct" | "llm-serve" | "peer";

export interface PeerTargetResult {
  /** "mock directly", "LLM Serve", "Portkey", "LiteLLM", "one-api". */
  name: string;
  role: PeerRole;
  /** The installed release (e.g. `@portkey-ai/gateway 1.15.2`) or LLM Serve's commit. */
  version: string;
  /** What the target does per call in this run. */
  description: string;
  /** Why the target was not measured at all (install or start failed). */
  problem?: string;
  measurements: PeerMeasurement[];
  /** RSS right after its last scenario, MiB (the gateway alone for LLM Serve). */
  rssAfterLoadMiB?: number;
  /** LLM Serve: the seven services together after load, MiB. */
  platformRssAfterLoadMiB?: number;
  /** LLM Serve: what became of the usage events of its calls (outbox, Kafka, billing, analytics). */
  usage?: { written: number; sentToKafka: number; billed: number | null; heldByBilling: number | null; recordedByAnalytics: number | null; pricePlan: string };
}

export interface PeerReport {
  startedAt: string;
  finishedAt: string;
  commit: CommitDescription;
  machine: MachineDescription;
  settings: { warmupMs: number; durationMs: number };
  targets: PeerTargetResult[];
}

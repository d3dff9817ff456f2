import { parseArgs } from "node:util";
import { SCENARIO_KINDS, type ScenarioKind } from "./scenarios.js";

/** The peers `--peers` knows (bench/src/peers/), in the order they run. */
export const KNOWN_PEERS: readonly string[] = ["portkey", "litellm"];

export interface BenchOptions {
  /** Soak mode: this many measured requests through the full path, RSS watched. */
  soak?: number;
  warmupMs: number;
  durationMs: number;
  clients: number[];
  kinds: ScenarioKind[];
  profile: boolean;
  /** Write docs/performance.md's generated sections. */
  docs: boolean;
  /** Keep the run's schemas (the logs are always kept). */
  keep: boolean;
  /** Only time single steps of the request path (no platform). */
  micro: boolean;
  /** Extra environment for the gateway (what-if experiments without code changes); such runs leave the docs alone. */
  gatewayEnv: Record<string, string>;
  /** Experiment: the bench models' total upstream timeout (runtime.timeouts.total_ms). */
  totalTimeoutMs?: number;
  /** `--peers`: the peer gateways to measure beside LLM Serve (undefined: not a peers run). */
  peers?: string[];
  /**
   * Settling load (non-streaming chat at the largest concurrency) sent through the gateway before
   * its first measured scenario, so that the first one is not measured cold (JIT, pools, the
   * platform's consumers joining their groups). 0: none.
   */
  settleMs: number;
  /** GATEWAY_WORKERS of the measured gateway: a number (default 1, the gateway's default) or `auto` (one per core). */
  gatewayWorkers: string;
}

export const USAGE = `pnpm bench [options]
  (no option)          every scenario: the mock upstream directly (a) and the full gateway path (b),
                       for non-streaming chat, streaming chat and embeddings, at 1 and 32 clients;
                       then the gateway under --cpu-prof at 32 clients (non-streaming chat)
  --soak N             send N requests (non-streaming chat, full path) and report the gateway's RSS
                       at start, middle and end (the target is N = 1000000)
  --peers              LLM Serve side by side with peer gateways (Portkey, LiteLLM), installed by
                       deploy/local/components/peers.sh into ~/.cache/llm-serve/peers: the mock directly,
                       LLM Serve, then each peer, one at a time: chat at 32 and 1 clients, stream TTFB;
                       each figure as a ratio to LLM Serve's in the same run (none from a run with errors)
  --peer NAME          with --peers: only these peers, repeatable (portkey, litellm; default both)
  --micro              only time single steps of the request path (HMAC, tokenizer, log line, JSON,
                       outbox INSERT) on this machine: the numbers behind the proposals
  --gateway-env K=V    extra environment for the gateway, repeatable (an experiment: e.g. LOG_LEVEL=warn);
                       such a run writes bench/results/experiment-*.json and leaves the docs alone
  --total-timeout-ms N  experiment: give the bench models this total upstream timeout (default: the
                       registry's, 10 minutes); docs untouched as with --gateway-env
  --gateway-workers W  gateway processes (GATEWAY_WORKERS): a number (default 1, the gateway's own
                       default) or auto = one per core; the --cpu-prof run always uses 1
  --duration S         measured seconds per scenario (default 8)
  --warmup S           warm-up seconds per scenario (default 2)
  --settle S           seconds of settling load through the gateway before its first scenario
                       (default 10; 0 for none; --peers gives every target 15)
  --clients 1,32       concurrencies (default 1,32)
  --only chat,chat-stream,embeddings
  --no-profile         skip the --cpu-prof run
  --no-docs            do not rewrite docs/performance.md (the JSON is always written)
  --keep               keep the run's Postgres schemas, Kafka topics and consumer groups`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== "--"),
    options: {
      soak: { type: "string" },
      duration: { type: "string", default: "8" },
      warmup: { type: "string", default: "2" },
      settle: { type: "string", default: "10" },
      clients: { type: "string", default: "1,32" },
      only: { type: "string", default: SCENARIO_KINDS.join(",") },
      "no-profile": { type: "boolean", default: false },
      "no-docs": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      micro: { type: "boolean", default: false },
      peers: { type: "boolean", default: false },
      peer: { type: "string", multiple: true, default: [] },
      "gateway-env": { type: "string", multiple: true, default: [] },
      "total-timeout-ms": { type: "string" },
      "gateway-workers": { type: "string", default: "1" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const kinds = values.only.split(",").map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !SCENARIO_KINDS.includes(kind as ScenarioKind));
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(", ")} (known: ${SCENARIO_KINDS.join(", ")})`);
  const gatewayEnv = Object.fromEntries(values["gateway-env"].map((pair) => keyValue(pair)));
  const experiment = Object.keys(gatewayEnv).length > 0 || values["total-timeout-ms"] !== undefined;
  if (values.peer.length > 0 && !values.peers) throw new Error("--peer: only with --peers");
  if (values.peers && (values.soak !== undefined || values.micro)) throw new Error("--peers: not with --soak or --micro");
  const unknownPeers = values.peer.filter((peer) => !KNOWN_PEERS.includes(peer));
  if (unknownPeers.length > 0) throw new Error(`--peer: unknown ${unknownPeers.join(", ")} (known: ${KNOWN_PEERS.join(", ")})`);
  return {
    ...(values.soak !== undefined ? { soak: positiveInteger("--soak", values.soak) } : {}),
    ...(values.peers ? { peers: values.peer.length > 0 ? values.peer : [...KNOWN_PEERS] } : {}),
    warmupMs: seconds("--warmup", values.warmup) * 1000,
    durationMs: seconds("--duration", values.duration) * 1000,
    settleMs: seconds("--settle", values.settle) * 1000,
    clients: values.clients.split(",").map((value) => positiveInteger("--clients", value)),
    kinds: kinds as ScenarioKind[],
    profile: !values["no-profile"],
    docs: !values["no-docs"] && !experiment,
    keep: values.keep,
    micro: values.micro,
    gatewayEnv,
    gatewayWorkers: values["gateway-workers"] === "auto" ? "auto" : String(positiveInteger("--gateway-workers", values["gateway-workers"])),
    ...(values["total-timeout-ms"] !== undefined ? { totalTimeoutMs: positiveInteger("--total-timeout-ms", values["total-timeout-ms"]) } : {}),
  };
}

function keyValue(pair: string): [string, string] {
  const index = pair.indexOf("=");
  if (index < 1) throw new Error(`--gateway-env: expected KEY=VALUE, got "${pair}"`);
  return [pair.slice(0, index), pair.slice(index + 1)];
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: expected a positive integer, got "${text}"`);
  return value;
}

function seconds(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: expected seconds, got "${text}"`);
  return value;
}

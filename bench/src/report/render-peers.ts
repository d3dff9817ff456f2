import { checkPeerTargets, measurementOf, ratioToLlmServe, unusable, type Outcome, type PeerFigure } from "./peer-ratios.js";
import type { PeerMeasurement, PeerReport, PeerScenario, PeerTargetResult } from "./peer-results.js";

const CHAT_32: PeerScenario = { kind: "chat", clients: 32 };
const CHAT_1: PeerScenario = { kind: "chat", clients: 1 };
const STREAM_1: PeerScenario = { kind: "chat-stream", clients: 1 };

/**
 * The generated `peers` section of docs/performance.md: one row per target, each peer's figure
 * followed by its ratio to LLM Serve's in the same run, or a numbered note saying why there is none.
 */
export function renderPeers(report: PeerReport): string {
  const llmServe = report.targets.find((target) => target.role === "llm-serve");
  const notes: string[] = [];
  const cell = (target: PeerTargetResult, scenario: PeerScenario, figure: PeerFigure, format: (measurement: PeerMeasurement) => string) => {
    const own = unusable(target, scenario);
    const measurement = measurementOf(target, scenario);
    const shown = measurement && measurement.requests > 0 && measurement.problem === undefined ? format(measurement) : "–";
    if (own !== undefined) return `${shown} (${note(notes, own)})`;
    if (target.role === "llm-serve" || !llmServe) return shown;
    return `${shown} (${ratioText(ratioToLlmServe(target, llmServe, scenario, figure), notes)})`;
  };
  const lines = [
    `Run of ${report.startedAt.slice(0, 16).replace("T", " ")} UTC on \`${report.commit.sha.slice(0, 10)}\`${report.commit.dirty ? " (work tree with changes)" : ""}: \`pnpm bench --peers\`, ${report.machine.cores} cores (${report.machine.cpu}), load average ${report.machine.loadAverage} at the start, ${report.machine.idleBeforeRunPercent}% idle the second before. One target at a time, ${report.settings.warmupMs / 1_000} s of warm-up then ${report.settings.durationMs / 1_000} s measured per scenario, the load generator on the same machine. In brackets: the figure as a ratio to LLM Serve's in this run (peer ÷ LLM Serve).`,
    "",
    "| target | chat c=32 req/s | chat c=1 req/s | stream TTFB p50 / p99 ms (c=1) | RSS after load | CPU µs/request c=32 | machine busy c=32 |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const target of report.targets) {
    if (target.problem !== undefined) {
      lines.push(`| ${target.name} | not measured (${note(notes, `${target.name} did not run: ${target.problem}`)}) | | | | | |`);
      continue;
    }
    const atScale = measurementOf(target, CHAT_32);
    lines.push(
      `| ${target.name} | ${cell(target, CHAT_32, "throughput", (measurement) => number(measurement.throughput))} | ${cell(target, CHAT_1, "throughput", (measurement) => number(measurement.throughput))} | ${cell(target, STREAM_1, "firstByteP50", (measurement) => `${measurement.firstByte?.p50 ?? "–"} / ${measurement.firstByte?.p99 ?? "–"}`)} | ${rss(target)} | ${atScale ? cpu(atScale.cpuMicrosPerRequest) : "–"} | ${atScale ? `${atScale.machineBusyPercent}%` : "–"} |`,
    );
  }
  if (notes.length > 0) lines.push("", ...notes.map((text, index) => `${index + 1}. ${text}`));
  const usage = llmServe?.usage;
  if (usage) {
    const counted = (value: number | null) => (value === null ? "not countable" : number(value));
    lines.push("", `LLM Serve's usage events in this run (its calls and probes): ${number(usage.written)} written to the outbox, ${number(usage.sentToKafka)} sent to Kafka; billing priced ${counted(usage.billed)} and holds ${counted(usage.heldByBilling)} unpriced; analytics recorded ${counted(usage.recordedByAnalytics)}. Price plan: ${usage.pricePlan}.`);
  }
  lines.push("", "What each target is and does per call:", "", ...report.targets.map((target) => `- **${target.name}** (${target.version}): ${target.description}`));
  lines.push("", "The issue's targets, from this run's figures (a row with an error gives no figure):", "", "| target | figure | met |", "|---|---|---|");
  for (const check of checkPeerTargets(report.targets)) lines.push(`| ${check.target} | ${check.figure} | ${check.met === null ? "–" : check.met ? "yes" : "no"} |`);
  const errors = report.targets.flatMap((target) => target.measurements.filter((measurement) => measurement.errors + measurement.warmupErrors > 0).map((measurement) => `${target.name} ${measurement.kind} c=${measurement.clients}: ${measurement.errors} + ${measurement.warmupErrors} in the warm-up`));
  lines.push("", errors.length === 0 ? "Errors (non-2xx or transport) in every run, warm-up included: 0." : `Errors: ${errors.join("; ")}.`);
  return lines.join("\n");
}

function rss(target: PeerTargetResult): string {
  if (target.rssAfterLoadMiB === undefined) return "–";
  const platform = target.platformRssAfterLoadMiB === undefined ? "" : ` (gateway; all seven services ${number(target.platformRssAfterLoadMiB)} MiB)`;
  return `${number(target.rssAfterLoadMiB)} MiB${platform}`;
}

/** One process: its figure; several (LLM Serve's services): the gateway's and their sum. */
function cpu(perProcess: Record<string, number>): string {
  const values = Object.values(perProcess);
  if (values.length <= 1) return String(values[0] ?? "–");
  return `gateway ${perProcess.gateway ?? "–"}; all ${values.length} services ${values.reduce((sum, value) => sum + value, 0)}`;
}

function ratioText(outcome: Outcome, notes: string[]): string {
  return "refused" in outcome ? note(notes, outcome.refused) : `${outcome.value}×`;
}

/** A numbered note (shared by equal texts), shown as "no ratio, note N". */
function note(notes: string[], text: string): string {
  let index = notes.indexOf(text);
  if (index < 0) index = notes.push(text) - 1;
  return `no ratio, note ${index + 1}`;
}

function number(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

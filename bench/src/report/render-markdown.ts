import { KIND_TITLES } from "../scenarios.js";
import type { MicroResult } from "../micro/hot-path-micro.js";
import type { CommitDescription, MachineDescription } from "../measure/machine.js";
import type { BenchReport, ScenarioResult, SoakResult } from "./results.js";

/** The generated part of docs/performance.md for a scenario run: conditions, figures, ratios, targets. */
export function renderResults(report: BenchReport): string {
  const lines = [conditions(report), "", pathExercised(report), "", "#### Figures", ""];
  lines.push("| request | clients | (a) direct req/s | (b) gateway req/s | b/a | (a) p50 / p99 ms | (b) p50 / p99 ms | added p50 / p99 ms | peak RSS MiB (a) mock / (b) gateway | CPU µs/request (b) gateway / mock |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const comparison of report.comparisons) {
    const direct = find(report.scenarios, comparison.kind, comparison.clients, "direct");
    const gateway = find(report.scenarios, comparison.kind, comparison.clients, "gateway");
    if (!direct || !gateway) continue;
    lines.push(
      `| ${KIND_TITLES[comparison.kind]}${comparison.kind === "chat-stream" ? " (to last byte)" : ""} | ${comparison.clients} | ${number(direct.throughput)} | ${number(gateway.throughput)} | ${comparison.throughputRatio} | ${pair(direct.latency.p50, direct.latency.p99)} | ${pair(gateway.latency.p50, gateway.latency.p99)} | ${pair(comparison.addedP50Ms, comparison.addedP99Ms)} | ${direct.peakRssMiB} / ${gateway.peakRssMiB} | ${gateway.cpuMicrosPerRequest.gateway ?? "–"} / ${gateway.cpuMicrosPerRequest.upstream ?? "–"} |`,
    );
  }
  const streams = report.comparisons.filter((comparison) => comparison.addedFirstByteP50Ms !== undefined);
  if (streams.length > 0) {
    lines.push("", "Streaming, time to first byte (the first SSE event):", "");
    lines.push("| clients | (a) direct p50 / p99 ms | (b) gateway p50 / p99 ms | added p50 / p99 ms |", "|---:|---:|---:|---:|");
    for (const comparison of streams) {
      const direct = find(report.scenarios, comparison.kind, comparison.clients, "direct")?.firstByte;
      const gateway = find(report.scenarios, comparison.kind, comparison.clients, "gateway")?.firstByte;
      if (!direct || !gateway) continue;
      lines.push(`| ${comparison.clients} | ${pair(direct.p50, direct.p99)} | ${pair(gateway.p50, gateway.p99)} | ${pair(comparison.addedFirstByteP50Ms ?? 0, comparison.addedFirstByteP99Ms ?? 0)} |`);
    }
  }
  lines.push("", "Per scenario: requests measured, errors, machine busy (both cores, every process), upstream connections opened (keep-alive: few):", "");
  lines.push("| scenario | requests | errors | machine busy | upstream connections opened |", "|---|---:|---:|---:|---:|");
  for (const result of report.scenarios) {
    lines.push(`| ${result.target} · ${result.kind} · ${result.clients} | ${number(result.requests)} | ${result.errors} | ${result.machineBusyPercent}% | ${result.upstreamConnectionsOpened} |`);
  }
  const fullPath = report.scenarios.filter((result) => result.target === "gateway");
  const names = [...new Set(fullPath.flatMap((result) => Object.keys(result.cpuMicrosPerRequest)))];
  if (fullPath.length > 0 && names.length > 2) {
    lines.push("", "Where the machine's CPU went in (b), µs per request of every process on the path (the infrastructure's figures include whatever else used it meanwhile):", "");
    lines.push(`| scenario | ${names.join(" | ")} | all of them | whole machine |`, `|---|${names.map(() => "---:").join("|")}|---:|---:|`);
    for (const result of fullPath) {
      const sum = names.reduce((total, name) => total + (result.cpuMicrosPerRequest[name] ?? 0), 0);
      const machine = result.throughput > 0 ? Math.round((result.machineBusyPercent / 100) * report.machine.cores * 1_000_000 / result.throughput) : 0;
      lines.push(`| ${result.kind} · ${result.clients} | ${names.map((name) => result.cpuMicrosPerRequest[name] ?? "–").join(" | ")} | ${sum} | ${machine} |`);
    }
  }
  if (report.gatewayRss) {
    const rss = report.gatewayRss;
    lines.push("", `Gateway RSS: ${rss.beforeLoadMiB} MiB before the load, ${rss.peakMiB} MiB at its highest peak in a scenario, ${rss.afterLoadMiB} MiB right after the last one (target: ≤ 200 MiB).`);
  }
  const failing = report.scenarios.filter((result) => result.errors > 0);
  for (const result of failing) lines.push("", `Errors in ${result.target} · ${result.kind} · ${result.clients}: ${result.errorSamples.map((sample) => `\`${sample.replaceAll("`", "'").slice(0, 160)}\``).join("; ")}`);
  lines.push("", "#### Targets", "", "| target | measured | met |", "|---|---|---|");
  for (const check of report.targets) lines.push(`| ${check.target} | ${check.figure} | ${check.met === null ? "–" : check.met ? "yes" : "**no**"} |`);
  return lines.join("\n");
}

export function renderProfile(report: BenchReport): string {
  const profile = report.profile;
  if (!profile) return "_No profile in this run._";
  const lines = [
    `_${report.startedAt.slice(0, 16).replace("T", " ")} UTC, commit \`${report.commit.sha.slice(0, 10)}\`._ The gateway under \`node --cpu-prof\`, ${profile.clients} clients, non-streaming chat through the full path: ${number(profile.throughput)} req/s with the profiler on; ${number(profile.busyMs)} ms of CPU in ${number(profile.wallMs)} ms of wall time. Profile: \`${profile.file}\`.`,
    "",
    "Top functions by self time (share of the gateway's busy time; total = with what they called, synchronously):",
    "",
    "| # | function | where | self ms | self % | total % |",
    "|---:|---|---|---:|---:|---:|",
  ];
  profile.topFunctions.forEach((entry, index) => lines.push(`| ${index + 1} | \`${entry.name}\` | ${entry.location || "native / V8"} | ${entry.selfMs} | ${entry.selfPercent} | ${entry.totalPercent} |`));
  lines.push("", "The project's own functions by total time (where the request path spends, as far as synchronous calls show it):", "");
  lines.push("| function | where | total ms | total % | self % |", "|---|---|---:|---:|---:|");
  for (const entry of profile.topOwnFunctions) lines.push(`| \`${entry.name}\` | ${entry.location} | ${entry.totalMs} | ${entry.totalPercent} | ${entry.selfPercent} |`);
  lines.push("", "By package (self: its own frames on top of the stack; total: any of its frames on the stack):", "", "| package | self ms | self % | total % |", "|---|---:|---:|---:|");
  for (const entry of profile.byPackage) lines.push(`| ${entry.name} | ${entry.selfMs} | ${entry.selfPercent} | ${entry.totalPercent} |`);
  return lines.join("\n");
}

export function renderSoak(report: BenchReport): string {
  const soak: SoakResult | undefined = report.soak;
  if (!soak) return "_No soak in this run._";
  const lines = [
    `${conditions(report).replace(/ Each scenario:.*$/, "")}`,
    "",
    `${number(soak.requests)} measured requests, non-streaming chat through the full path, ${soak.clients} clients: ${number(soak.throughput)} req/s over ${Math.round(soak.durationMs / 1000)} s, p50 / p99 ${pair(soak.latency.p50, soak.latency.p99)} ms, ${soak.errors} errors.`,
    "",
    "| gateway RSS | MiB |",
    "|---|---:|",
    `| before the load | ${soak.rssMiB.idle} |`,
    `| start (after ${report.settings.warmupMs / 1000} s of warm-up load) | ${soak.rssMiB.start} |`,
    `| middle | ${soak.rssMiB.middle} |`,
    `| end | ${soak.rssMiB.end} |`,
    `| lowest / highest while measured | ${soak.rssMiB.min} / ${soak.rssMiB.max} |`,
    "",
    `Drift start → end: ${soak.driftPercent}%; widest distance from the start value: ${soak.maxDeviationPercent}% (target: within ±10%).`,
    ...renderFootprint(soak),
  ];
  return lines.join("\n");
}

/** Every service's RSS before and after the soak, against the issue's bounds (gateway 200 MiB, others 120 MiB). */
function renderFootprint(soak: SoakResult): string[] {
  if (!soak.footprint || soak.footprint.length === 0) return [];
  const rows = soak.footprint.map((entry) => {
    const bound = entry.service === "gateway" ? 200 : 120;
    const worst = Math.max(entry.afterMiB, entry.peakMiB ?? 0);
    return `| ${entry.service} | ${entry.beforeMiB} | ${entry.afterMiB} | ${entry.peakMiB ?? "–"} | ${bound} | ${worst <= bound ? "yes" : "**no**"} |`;
  });
  return ["", "Footprint of every service (RSS, MiB):", "", "| service | before the load | after the soak | peak while measured | bound | within |", "|---|---:|---:|---:|---:|---|", ...rows];
}

export function renderMicro(results: readonly MicroResult[], context: { startedAt: string; commit: CommitDescription; machine: MachineDescription }): string {
  const lines = [
    `_Measured ${context.startedAt.slice(0, 16).replace("T", " ")} UTC on commit \`${context.commit.sha.slice(0, 10)}\`, ${context.machine.cpu}, ${context.machine.cores} cores, ${context.machine.idleBeforeRunPercent}% idle before the run, each step alone in one process (\`pnpm bench --micro\`)._`,
    "",
    "| step | on the request path | mean | p50 / p99 |",
    "|---|---|---:|---:|",
  ];
  for (const result of results) {
    const spread = result.p50Micros === undefined ? "–" : `${result.p50Micros} / ${result.p99Micros} ${result.unit}`;
    lines.push(`| ${result.name} | ${result.onThePath} | ${result.meanMicros} ${result.unit} | ${spread} |`);
  }
  return lines.join("\n");
}

function conditions(report: BenchReport): string {
  const { machine, commit } = report;
  const dirty = commit.dirty ? " with uncommitted changes in the work tree" : "";
  return [
    `_Measured ${report.startedAt.slice(0, 16).replace("T", " ")} UTC on commit \`${commit.sha.slice(0, 10)}\` (${commit.subject})${dirty}._`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}, Node ${machine.node}; load generator, mock upstream, gateway, auth-key, model-registry, quota, PostgreSQL, Redis, Kafka and Nacos all on it.`,
    `Gateway: ${workers(report)} (GATEWAY_WORKERS; its CPU and RSS are those of all its processes).`,
    ...(Object.keys(report.settings.gatewayEnv).length > 0 ? [`**Experiment:** gateway started with ${Object.entries(report.settings.gatewayEnv).map(([key, value]) => `\`${key}=${value}\``).join(", ")}.`] : []),
    ...(report.settings.totalTimeoutMs !== undefined ? [`**Experiment:** models with a total upstream timeout of ${report.settings.totalTimeoutMs} ms.`] : []),
    `Conditions: load average ${machine.loadAverage} and ${machine.idleBeforeRunPercent}% idle just before the run; ${report.conditions}. Each scenario: ${report.settings.warmupMs / 1000} s warm-up, ${report.settings.durationMs / 1000} s measured.`,
  ].join(" ");
}

function workers(report: BenchReport): string {
  const count = report.settings.gatewayWorkers ?? 1;
  return count === 1 ? "one process" : `a primary and ${count} worker processes`;
}

function pathExercised(report: BenchReport): string {
  const { path } = report;
  const quota = path.quotaHeaders.length > 0 ? `reserved and settled on every request (the answers carry ${path.quotaHeaders.map((name) => `\`${name}\``).join(", ")})` : "no `x-ratelimit-*` headers on the answers: the quota gate admitted without a policy check";
  return [
    "**Path exercised in (b):**",
    `API key ${path.keySource} and checked on every request (auth-key's answer cached by the gateway);`,
    `models ${path.modelSource}${path.viaUpstream ? ", the OpenAI adapter calling the mock upstream (its reply text checked)" : " — **the adapter made no HTTP call: figures (b) are not the full path**"};`,
    `quota ${quota};`,
    `usage events: ${number(path.usageEvents.written)} written to the gateway's outbox, ${number(path.usageEvents.sentToKafka)} of them relayed to Kafka by the end of the run.`,
    ...(path.notStarted.length > 0 ? [`Not started: ${path.notStarted.map((problem) => `\`${problem.replaceAll("`", "'")}\``).join("; ")}.`] : []),
  ].join(" ");
}

function find(results: readonly ScenarioResult[], kind: string, clients: number, target: string): ScenarioResult | undefined {
  return results.find((result) => result.kind === kind && result.clients === clients && result.target === target);
}

function pair(first: number, second: number): string {
  return `${fixed(first)} / ${fixed(second)}`;
}

function fixed(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function number(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

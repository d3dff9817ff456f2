import type { Comparison, ScenarioResult, SoakResult, TargetCheck } from "./results.js";

/** Gateway (b) against direct (a) for every kind and concurrency that has both. */
export function compare(results: readonly ScenarioResult[]): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const gateway of results.filter((result) => result.target === "gateway")) {
    const direct = results.find((result) => result.target === "direct" && result.kind === gateway.kind && result.clients === gateway.clients);
    if (!direct) continue;
    const comparison: Comparison = {
      kind: gateway.kind,
      clients: gateway.clients,
      throughputRatio: ratio(gateway.throughput, direct.throughput),
      p50Ratio: ratio(gateway.latency.p50, direct.latency.p50),
      p99Ratio: ratio(gateway.latency.p99, direct.latency.p99),
      addedP50Ms: difference(gateway.latency.p50, direct.latency.p50),
      addedP99Ms: difference(gateway.latency.p99, direct.latency.p99),
    };
    if (gateway.firstByte && direct.firstByte) {
      comparison.addedFirstByteP50Ms = difference(gateway.firstByte.p50, direct.firstByte.p50);
      comparison.addedFirstByteP99Ms = difference(gateway.firstByte.p99, direct.firstByte.p99);
    }
    comparisons.push(comparison);
  }
  return comparisons;
}

/** The targets, checked against the printed figures (null: not measured in this run). */
export function checkTargets(results: readonly ScenarioResult[], comparisons: readonly Comparison[], soak?: SoakResult & { measuredAt?: string; commit?: string }): TargetCheck[] {
  const chatAtOne = comparisons.find((comparison) => comparison.kind === "chat" && comparison.clients === 1);
  const chatAt32 = results.find((result) => result.kind === "chat" && result.target === "gateway" && result.clients === 32);
  const streamAtOne = comparisons.find((comparison) => comparison.kind === "chat-stream" && comparison.clients === 1);
  const checks: TargetCheck[] = [
    chatAtOne
      ? { target: "chat, 1 client: added latency p50 ≤ 1 ms", figure: `${chatAtOne.addedP50Ms} ms`, met: chatAtOne.addedP50Ms <= 1 }
      : { target: "chat, 1 client: added latency p50 ≤ 1 ms", figure: "not measured", met: null },
    chatAtOne
      ? { target: "chat, 1 client: added latency p99 ≤ 3 ms", figure: `${chatAtOne.addedP99Ms} ms`, met: chatAtOne.addedP99Ms <= 3 }
      : { target: "chat, 1 client: added latency p99 ≤ 3 ms", figure: "not measured", met: null },
    chatAt32
      ? { target: "chat, 32 clients: ≥ 2,500 req/s through the full path", figure: `${chatAt32.throughput} req/s`, met: chatAt32.throughput >= 2_500 }
      : { target: "chat, 32 clients: ≥ 2,500 req/s through the full path", figure: "not measured", met: null },
    streamAtOne?.addedFirstByteP50Ms !== undefined
      ? { target: "streaming, 1 client: TTFB overhead ≤ 2 ms (p50)", figure: `${streamAtOne.addedFirstByteP50Ms} ms`, met: streamAtOne.addedFirstByteP50Ms <= 2 }
      : { target: "streaming, 1 client: TTFB overhead ≤ 2 ms (p50)", figure: "not measured", met: null },
  ];
  const soakTarget = "soak: gateway RSS flat within ±10% over 1,000,000 requests";
  if (!soak) checks.push({ target: soakTarget, figure: "not measured in this run (`pnpm bench --soak 1000000`)", met: null });
  else {
    const when = soak.measuredAt ? ` — the last soak, ${soak.measuredAt.slice(0, 16).replace("T", " ")} UTC on \`${soak.commit?.slice(0, 10)}\`` : "";
    const figure = `${soak.rssMiB.start} → ${soak.rssMiB.middle} → ${soak.rssMiB.end} MiB over ${soak.requests.toLocaleString("en-US")} requests (drift ${soak.driftPercent}%, widest ${soak.maxDeviationPercent}%)${when}`;
    checks.push({ target: soakTarget, figure, met: soak.requests >= 1_000_000 ? soak.maxDeviationPercent <= 10 : null });
  }
  return checks;
}

function ratio(gateway: number, direct: number): number {
  return direct > 0 ? Math.round((gateway / direct) * 100) / 100 : 0;
}

function difference(gateway: number, direct: number): number {
  return Math.round((gateway - direct) * 1_000) / 1_000;
}

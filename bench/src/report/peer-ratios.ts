import type { PeerMeasurement, PeerScenario, PeerTargetResult } from "./peer-results.js";

export type PeerFigure = "throughput" | "firstByteP50" | "firstByteP99";

/** A figure of one target set against another's, or why the bench will not print one. */
export type Outcome = { value: number } | { refused: string };

export interface TargetCheck {
  target: string;
  figure: string;
  met: boolean | null;
}

/**
 * `numerator`'s figure divided by `denominator`'s, both from this run. Refused, with the reason,
 * when either side did not run, sent no load, or had a single error (measured or during the
 * warm-up): a gateway that answers some calls with errors can look fast, so its figure is not
 * comparable and no ratio is printed from it.
 */
export function ratioOf(numerator: PeerTargetResult, denominator: PeerTargetResult, scenario: PeerScenario, figure: PeerFigure): Outcome {
  return combine(numerator, denominator, scenario, figure, (top, bottom) => (bottom > 0 ? { value: round(top / bottom, 100) } : { refused: `${denominator.name}'s ${FIGURE_NAMES[figure]} is 0` }));
}

/** `target`'s figure minus `baseline`'s (milliseconds), with the same refusals as `ratioOf`. */
export function differenceOf(target: PeerTargetResult, baseline: PeerTargetResult, scenario: PeerScenario, figure: PeerFigure): Outcome {
  return combine(target, baseline, scenario, figure, (top, bottom) => ({ value: round(top - bottom, 1_000) }));
}

/** Each peer's figure as a ratio to LLM Serve's (peer ÷ LLM Serve). */
export function ratioToLlmServe(peer: PeerTargetResult, llmServe: PeerTargetResult, scenario: PeerScenario, figure: PeerFigure): Outcome {
  return ratioOf(peer, llmServe, scenario, figure);
}

/** Why `target`'s measurement of `scenario` cannot be compared, or undefined when it can. */
export function unusable(target: PeerTargetResult, scenario: PeerScenario): string | undefined {
  if (target.problem !== undefined) return `${target.name} did not run: ${target.problem}`;
  const measurement = measurementOf(target, scenario);
  if (!measurement) return `${target.name} was not measured at ${scenario.clients} client(s)`;
  if (measurement.problem !== undefined) return `${target.name} failed its probe, no load sent: ${measurement.problem}`;
  const errors = measurement.errors + measurement.warmupErrors;
  if (errors > 0) return `${target.name} answered ${errors} error(s) (${measurement.warmupErrors} in the warm-up), e.g. ${measurement.errorSamples[0] ?? "?"}: a run with errors gives no ratio`;
  if (measurement.requests === 0) return `${target.name} completed no request`;
  return undefined;
}

export function measurementOf(target: PeerTargetResult, scenario: PeerScenario): PeerMeasurement | undefined {
  return target.measurements.find((measurement) => measurement.kind === scenario.kind && measurement.clients === scenario.clients);
}

export function figureOf(measurement: PeerMeasurement, figure: PeerFigure): number | undefined {
  if (figure === "throughput") return measurement.throughput;
  return figure === "firstByteP50" ? measurement.firstByte?.p50 : measurement.firstByte?.p99;
}

/** The targets for LLM Serve against Portkey and the mock, from one run's figures. */
export function checkPeerTargets(targets: readonly PeerTargetResult[]): TargetCheck[] {
  const llmServe = targets.find((target) => target.role === "llm-serve");
  const portkey = targets.find((target) => target.name === "Portkey");
  const direct = targets.find((target) => target.role === "direct");
  const check = (title: string, outcome: Outcome | undefined, unit: string, met: (value: number) => boolean): TargetCheck => {
    if (!outcome) return { target: title, figure: "not measured", met: null };
    if ("refused" in outcome) return { target: title, figure: `no figure: ${outcome.refused}`, met: null };
    return { target: title, figure: `${outcome.value}${unit}`, met: met(outcome.value) };
  };
  const stream: PeerScenario = { kind: "chat-stream", clients: 1 };
  return [
    check("chat, 32 clients: LLM Serve ÷ Portkey ≥ 2", llmServe && portkey && ratioOf(llmServe, portkey, { kind: "chat", clients: 32 }, "throughput"), "×", (value) => value >= 2),
    check("chat, 1 client: LLM Serve ÷ Portkey ≥ 1", llmServe && portkey && ratioOf(llmServe, portkey, { kind: "chat", clients: 1 }, "throughput"), "×", (value) => value >= 1),
    check("stream TTFB added over the mock, p50 ≤ 0.5 ms", llmServe && direct && differenceOf(llmServe, direct, stream, "firstByteP50"), " ms", (value) => value <= 0.5),
    check("stream TTFB added over the mock, p99 ≤ 2 ms", llmServe && direct && differenceOf(llmServe, direct, stream, "firstByteP99"), " ms", (value) => value <= 2),
  ];
}

const FIGURE_NAMES: Record<PeerFigure, string> = { throughput: "throughput", firstByteP50: "first-byte p50", firstByteP99: "first-byte p99" };

function combine(top: PeerTargetResult, bottom: PeerTargetResult, scenario: PeerScenario, figure: PeerFigure, operation: (top: number, bottom: number) => Outcome): Outcome {
  const refused = unusable(top, scenario) ?? unusable(bottom, scenario);
  if (refused !== undefined) return { refused };
  const topFigure = figureOf(measurementOf(top, scenario) as PeerMeasurement, figure);
  const bottomFigure = figureOf(measurementOf(bottom, scenario) as PeerMeasurement, figure);
  if (topFigure === undefined || bottomFigure === undefined) return { refused: `no ${FIGURE_NAMES[figure]} in a ${scenario.kind} run` };
  return operation(topFigure, bottomFigure);
}

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

import type { RouteCandidate, RoutingStrategyName } from "../route-candidate.js";
import { weightedShuffle } from "./weighted-shuffle.js";

export interface OrderingSignals {
  random: () => number;
  /** EWMA latency in ms; undefined when not measured yet. */
  latencyOf: (id: string) => number | undefined;
  inFlightOf: (id: string) => number;
}

/**
 * Orders a model's candidates under its strategy. Every strategy starts from a weighted shuffle, so
 * ties (equal latency, equal load, equal priority) are broken by weight at random.
 */
export function orderCandidates<T extends RouteCandidate>(strategy: RoutingStrategyName, candidates: readonly T[], signals: OrderingSignals): T[] {
  const shuffled = weightedShuffle(candidates, signals.random);
  switch (strategy) {
    case "weighted_random":
      return shuffled;
    case "lowest_latency":
      // Unmeasured deployments sort first so that each gets measured once.
      return stableSortBy(shuffled, (candidate) => signals.latencyOf(candidate.id) ?? -1);
    case "least_busy":
      return stableSortBy(shuffled, (candidate) => signals.inFlightOf(candidate.id));
    case "priority":
      return stableSortBy(shuffled, (candidate) => candidate.priority);
  }
}

function stableSortBy<T>(items: readonly T[], score: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .sort((left, right) => left.score - right.score || left.index - right.index)
    .map((entry) => entry.item);
}

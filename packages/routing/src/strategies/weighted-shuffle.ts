import type { RouteCandidate } from "../route-candidate.js";

/**
 * A weighted random order without replacement (Efraimidis–Spirakis): each candidate draws
 * `u^(1/weight)` and the largest draws go first. The first element is a weighted random pick; the
 * rest are the order in which retries fall through.
 */
export function weightedShuffle<T extends RouteCandidate>(candidates: readonly T[], random: () => number): T[] {
  return candidates
    .map((candidate) => ({ candidate, key: Math.pow(Math.max(random(), Number.MIN_VALUE), 1 / Math.max(candidate.weight, 1e-6)) }))
    .sort((left, right) => right.key - left.key)
    .map((entry) => entry.candidate);
}

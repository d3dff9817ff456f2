/**
 * A graduated volume discount (ADR 0021): the part of an org's cycle spend on a plan from
 * `fromMicros` up to the next tier's start is multiplied by `multiplierPpm` (≤ 1,000,000). Spend
 * below the first tier is at ×1.
 */
export interface VolumeTier {
  fromMicros: bigint;
  multiplierPpm: bigint;
}

const PARTS_PER_MILLION = 1_000_000n;

/**
 * The volume discount of a cycle, in micro-units (0 or negative): the graduated amount of the
 * cycle's volume, rounded up once to a whole micro-unit, minus the volume. It depends only on the
 * total (a sum of ledger lines), so the order in which events arrived cannot change it.
 */
export function volumeTierAdjustment(volumeMicros: bigint, tiers: readonly VolumeTier[]): bigint {
  if (tiers.length === 0 || volumeMicros <= 0n) return 0n;
  const sorted = [...tiers].sort((left, right) => (left.fromMicros < right.fromMicros ? -1 : left.fromMicros > right.fromMicros ? 1 : 0));
  let scaled = minimum(volumeMicros, sorted[0]!.fromMicros) * PARTS_PER_MILLION;
  sorted.forEach((tier, index) => {
    const end = index + 1 < sorted.length ? sorted[index + 1]!.fromMicros : volumeMicros;
    const part = minimum(volumeMicros, end) - tier.fromMicros;
    if (part > 0n) scaled += part * tier.multiplierPpm;
  });
  const graduated = (scaled + PARTS_PER_MILLION - 1n) / PARTS_PER_MILLION;
  return graduated - volumeMicros;
}

function minimum(left: bigint, right: bigint): bigint {
  return left < right ? left : right;
}

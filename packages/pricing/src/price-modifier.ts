export type ModifierScope = "org" | "project";

/** A multiplier of every line of an org or project from `effectiveFrom` on (ppm: 1,000,000 = ×1). */
export interface PriceModifier {
  id: string;
  scope: ModifierScope;
  scopeId: string;
  multiplierPpm: bigint;
  effectiveFrom: Date;
  createdAt: Date;
}

export const NO_MULTIPLIER = 1_000_000n;

/**
 * The multipliers in force for a request at `at`: the latest org one and the latest project one
 * (each defaults to ×1). Both apply, multiplied together.
 */
export function multipliersAt(modifiers: readonly PriceModifier[], subject: { orgId: string; projectId: string }, at: Date): { orgPpm: bigint; projectPpm: bigint } {
  return {
    orgPpm: latest(modifiers, "org", subject.orgId, at)?.multiplierPpm ?? NO_MULTIPLIER,
    projectPpm: latest(modifiers, "project", subject.projectId, at)?.multiplierPpm ?? NO_MULTIPLIER,
  };
}

function latest(modifiers: readonly PriceModifier[], scope: ModifierScope, scopeId: string, at: Date): PriceModifier | undefined {
  let found: PriceModifier | undefined;
  for (const modifier of modifiers) {
    if (modifier.scope !== scope || modifier.scopeId !== scopeId || modifier.effectiveFrom.getTime() > at.getTime()) continue;
    if (!found || modifier.effectiveFrom.getTime() > found.effectiveFrom.getTime()) found = modifier;
  }
  return found;
}

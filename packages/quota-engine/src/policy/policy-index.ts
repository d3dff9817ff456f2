import { QUOTA_SCOPES, type QuotaPolicy, type QuotaScope } from "./quota-policy.js";

/** Who a request is charged to: one subject per scope. Empty ids skip their scope. */
export interface QuotaSubject {
  keyId: string;
  projectId: string;
  orgId: string;
  /** Policies attached to the key by id (from the auth principal). */
  quotaPolicyIds?: readonly string[];
}

/** A policy applied to one subject: defaults and by-id policies count separately per subject. */
export interface AppliedPolicy {
  policy: QuotaPolicy;
  subjectId: string;
}

export function subjectIdFor(subject: QuotaSubject, scope: QuotaScope): string {
  switch (scope) {
    case "org":
      return subject.orgId;
    case "project":
      return subject.projectId;
    case "key":
      return subject.keyId;
  }
}

const scopeKey = (scope: QuotaScope, scopeId: string) => `${scope}\u0000${scopeId}`;
const appliesToModel = (policy: QuotaPolicy, model: string) => policy.model === "" || policy.model === model;

/**
 * Only the platform may stand in for a default: a tenant's own policy limits beside the defaults,
 * never instead of them, so an org admin cannot lift a platform limit by writing a looser one.
 */
const replacesDefaults = (policy: QuotaPolicy) => policy.model === "" && policy.owner === "platform";

/**
 * The policies of a snapshot, indexed for the request path. Every policy that applies is enforced
 * at once (so the stricter of any two wins): org, project and key levels, model-specific ones
 * beside all-model ones, tenant-owned ones beside the defaults. A default stands aside for a
 * subject only when a platform admin gave that subject an all-model policy of its own at that scope.
 */
export class PolicyIndex {
  readonly #byScope = new Map<string, QuotaPolicy[]>();
  readonly #byId = new Map<string, QuotaPolicy>();
  readonly #defaults = new Map<QuotaScope, QuotaPolicy[]>();

  constructor(policies: readonly QuotaPolicy[], defaults: readonly QuotaPolicy[]) {
    for (const policy of policies) {
      this.#byId.set(policy.id, policy);
      const key = scopeKey(policy.scope, policy.scopeId);
      this.#byScope.set(key, [...(this.#byScope.get(key) ?? []), policy]);
    }
    for (const policy of defaults) this.#defaults.set(policy.scope, [...(this.#defaults.get(policy.scope) ?? []), policy]);
  }

  get size(): number {
    return this.#byId.size;
  }

  byId(id: string): QuotaPolicy | undefined {
    return this.#byId.get(id) ?? [...this.#defaults.values()].flat().find((policy) => policy.id === id);
  }

  applicable(subject: QuotaSubject, model: string): AppliedPolicy[] {
    const applied: AppliedPolicy[] = [];
    const seen = new Set<string>();
    const add = (policy: QuotaPolicy, subjectId: string) => {
      const identity = `${policy.id}\u0000${subjectId}`;
      if (seen.has(identity) || !appliesToModel(policy, model)) return;
      seen.add(identity);
      applied.push({ policy, subjectId });
    };
    for (const scope of QUOTA_SCOPES) {
      const subjectId = subjectIdFor(subject, scope);
      if (subjectId === "") continue;
      const own = this.#byScope.get(scopeKey(scope, subjectId)) ?? [];
      for (const policy of own) add(policy, subjectId);
      if (!own.some(replacesDefaults)) for (const policy of this.#defaults.get(scope) ?? []) add(policy, subjectId);
    }
    for (const id of subject.quotaPolicyIds ?? []) {
      const policy = this.#byId.get(id);
      const subjectId = policy ? subjectIdFor(subject, policy.scope) : "";
      if (policy && subjectId !== "") add(policy, subjectId);
    }
    return applied;
  }
}

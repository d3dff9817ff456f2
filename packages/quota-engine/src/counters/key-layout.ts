import type { Dimension } from "../policy/quota-policy.js";

const encode = (part: string) => encodeURIComponent(part).replace(/\./g, "%2E");

/**
 * Every Redis key the quota engine touches, under one prefix (tests isolate with their own). The
 * client must have no ioredis `keyPrefix`: keys are built here, in full, and passed to scripts.
 *
 * Per counter (policy × subject × dimension), under `<prefix>c:<policy>:<subject>:<dimension>`:
 * `:z` zset of live holds (reservation id → expiry), `:r` hash of holds (id → `cycle|amount`),
 * `:b:<cycle>` hash of one cycle {used, held, x, w:<bps>}, `:q` zset of the admission queue
 * (ticket → first arrival) and `:qd` hash of its tickets' deadlines. The scripts touch several counters at once,
 * so the layout needs one Redis primary (not Redis Cluster).
 */
export class KeyLayout {
  constructor(readonly prefix: string) {}

  /** Present while the counters are trustworthy; a rebuild from Postgres sets it. */
  get epoch(): string {
    return `${this.prefix}epoch`;
  }

  /** Advanced by the quota service every tick: going backwards reveals a restore of old data. */
  get heartbeat(): string {
    return `${this.prefix}heartbeat`;
  }

  get rebuildLock(): string {
    return `${this.prefix}rebuild-lock`;
  }

  /** Stream of threshold crossings and first denials, consumed by the quota service. */
  get notices(): string {
    return `${this.prefix}notices`;
  }

  /** Pub/sub channel on which the quota service announces policy or settings changes. */
  get policyChannel(): string {
    return `${this.prefix}policies-changed`;
  }

  /** Pub/sub channel on which settle/release scripts wake the first waiter of a queue (message: its ticket). */
  get admissionChannel(): string {
    return `${this.prefix}admission`;
  }

  /** Records that a reservation was settled (settlement is idempotent). */
  settled(reservationId: string): string {
    return `${this.prefix}s:${encode(reservationId)}`;
  }

  counterBase(policyId: string, subjectId: string, dimension: Dimension): string {
    return `${this.prefix}c:${encode(policyId)}:${encode(subjectId)}:${dimension}`;
  }

  holds(base: string): string {
    return `${base}:z`;
  }

  holdRecords(base: string): string {
    return `${base}:r`;
  }

  queue(base: string): string {
    return `${base}:q`;
  }

  queueDeadlines(base: string): string {
    return `${base}:qd`;
  }

  bucket(base: string, cycleId: string): string {
    return `${base}:b:${cycleId}`;
  }
}

/**
 * The key prefix the quota service and the gateways of one deployment share: the configured one,
 * else `<EVENT_NAMESPACE or llmserve>:quota:` (tests, isolated by namespace, get their own).
 */
export function quotaKeyPrefix(configured: string | undefined, eventNamespace: string): string {
  return configured || `${eventNamespace || "llmserve"}:quota:`;
}

import type { Redis } from "ioredis";
import type { PlannedCounter } from "../counters/planned-counter.js";
import type { Dimension } from "../policy/quota-policy.js";
import { LUA_NOW } from "../redis/lua-common.js";

/** Where one counter stands in its current window (admin API, rebuild checks). */
export interface UsageStats {
  policyId: string;
  subjectId: string;
  dimension: Dimension;
  kind: "rate_limit" | "budget";
  limit: number;
  /** Settled usage over the window. */
  used: number;
  /** Held by requests in flight. */
  held: number;
  remaining: number;
  periodStart: string;
  resetAt: string;
}

/**
 * Used and held of each counter over its window, as the next reservation will see them: the held
 * total without holds that lapsed (a dead gateway's, which the next reservation releases first), on
 * Redis's clock. Read only. KEYS: per counter the holds zset, the hold records hash, k buckets.
 * ARGV: counter count, then per counter k and its k cycle ids. Returns (used, held) per counter.
 */
const READ_USAGE_SCRIPT = `
${LUA_NOW}
local result = {}
local key_index = 1
local arg_index = 2
for c = 1, tonumber(ARGV[1]) do
  local k = tonumber(ARGV[arg_index])
  local lapsed = {}
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[key_index], '-inf', now)) do
    local record = redis.call('HGET', KEYS[key_index + 1], id)
    if record then
      local separator = string.find(record, '|', 1, true)
      local cycle = string.sub(record, 1, separator - 1)
      lapsed[cycle] = (lapsed[cycle] or 0) + tonumber(string.sub(record, separator + 1))
    end
  end
  local used, held = 0, 0
  for j = 1, k do
    local values = redis.call('HMGET', KEYS[key_index + 1 + j], 'used', 'held')
    used = used + (tonumber(values[1]) or 0)
    held = held + math.max(0, (tonumber(values[2]) or 0) - (lapsed[ARGV[arg_index + j]] or 0))
  end
  result[#result + 1] = used
  result[#result + 1] = held
  key_index = key_index + 2 + k
  arg_index = arg_index + 1 + k
end
return result
`;

/** Reads where planned counters stand (one script call); counters with no data read as zero. */
export async function readUsageStats(redis: Redis, counters: readonly PlannedCounter[]): Promise<UsageStats[]> {
  if (counters.length === 0) return [];
  const keys: string[] = [];
  const args: Array<string | number> = [counters.length];
  for (const counter of counters) {
    keys.push(counter.keys.holds, counter.keys.holdRecords, ...counter.keys.buckets);
    args.push(counter.keys.buckets.length, ...counter.window.cycles.map((cycle) => cycle.id));
  }
  const reply = (await redis.eval(READ_USAGE_SCRIPT, keys.length, ...keys, ...args)) as number[];
  return counters.map((counter, index) => {
    const used = Number(reply[index * 2] ?? 0);
    const held = Number(reply[index * 2 + 1] ?? 0);
    return {
      policyId: counter.applied.policy.id,
      subjectId: counter.applied.subjectId,
      dimension: counter.dimension,
      kind: counter.info.kind,
      limit: counter.limit,
      used,
      held,
      remaining: Math.max(0, counter.limit - used - held),
      periodStart: new Date(counter.window.startMs).toISOString(),
      resetAt: new Date(counter.window.resetMs).toISOString(),
    };
  });
}

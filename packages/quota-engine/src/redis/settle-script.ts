import { LUA_EPOCH, LUA_NOW, LUA_READ_COUNTERS } from "./lua-common.js";

/**
 * Settle: releases the hold of each counter (if it has not expired) and charges the actual usage
 * to the cycle the reservation was made in. A charge that carries the window's usage across a
 * warning threshold records the crossing once per cycle and appends one `warning` notice.
 *
 * KEYS: epoch, notice stream, then per counter: holds zset, hold records hash, k buckets.
 * ARGV: reservation id, request id, counter count, then per counter:
 *   charge, k, bucket expire-at ms, notice ref, e (= 2 × thresholds), thresholds as (bps, value), k cycle ids.
 * Returns {-1} when the epoch is missing; else {1, epoch, sequence, found, used...} per counter.
 */
export const SETTLE_SCRIPT = `
${LUA_EPOCH}${LUA_NOW}
${LUA_READ_COUNTERS}
local hold_id = ARGV[1]
local counters = read_counters(tonumber(ARGV[3]), 3, 4, {'charge', 'k', 'expire_at', 'ref', 'extra'})
local result = {1, epoch_id, sequence}
for _, counter in ipairs(counters) do
  local found = release_hold(counter, hold_id)
  local charge = tonumber(counter.charge)
  local before = sum_fields(counter, false)
  local after = before
  if charge > 0 then
    local bucket = counter.buckets[1]
    redis.call('HINCRBY', bucket, 'used', charge)
    redis.call('PEXPIREAT', bucket, counter.expire_at)
    after = before + charge
    local pairs_count = tonumber(counter.extra) / 2
    for t = 0, pairs_count - 1 do
      local bps = ARGV[counter.extra_index + 2 * t]
      local value = tonumber(ARGV[counter.extra_index + 2 * t + 1])
      if before < value and after >= value and redis.call('HSETNX', bucket, 'w:' .. bps, 1) == 1 then
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'kind', 'warning', 'ref', counter.ref,
          'used', after, 'threshold', bps, 'request', ARGV[2], 'at', now)
      end
    end
  end
  result[#result + 1] = found
  result[#result + 1] = after
end
return result
`;

/**
 * Renew: pushes the expiry of live holds forward while their requests run (a long stream), so a
 * short hold ttl still frees a dead gateway's holds quickly. KEYS: pairs of (holds zset, hold
 * records hash); ARGV: hold ttl ms, key ttl ms, then one reservation id per pair.
 * Returns how many holds were still live.
 */
export const RENEW_SCRIPT = `
${LUA_NOW}
local expires_at = now + tonumber(ARGV[1])
local renewed = 0
for i = 1, #KEYS, 2 do
  local hold_id = ARGV[2 + (i + 1) / 2]
  if redis.call('ZSCORE', KEYS[i], hold_id) then
    redis.call('ZADD', KEYS[i], 'XX', expires_at, hold_id)
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    redis.call('PEXPIRE', KEYS[i + 1], ARGV[2])
    renewed = renewed + 1
  end
end
return renewed
`;

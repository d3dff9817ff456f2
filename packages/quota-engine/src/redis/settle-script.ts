import { LUA_EPOCH, LUA_NOW, LUA_READ_COUNTERS } from "./lua-common.js";

/**
 * Settle: releases the hold of each counter (if it has not expired) and charges the actual usage
 * to the cycle the reservation was made in. A charge that carries the window's usage across a
 * warning threshold records the crossing once per cycle and appends one `warning` notice.
 *
 * Idempotent: with "mark" 1 the reservation id is recorded first (SET NX with a ttl that outlives
 * every retry of the caller), and a settlement already recorded changes nothing (reply kind 2) —
 * a retry after a command time-out that Redis had in fact executed charges nothing twice. Mark 0
 * is a waiter leaving its queues (nothing to charge, and nothing to guard).
 *
 * KEYS: epoch, notice stream, settlement marker, then per counter: holds zset, hold records hash,
 *   queue zset, queue deadlines hash, k buckets.
 * ARGV: reservation id, request id, counter count, mark (1 | 0), marker ttl ms, wake channel, then
 *   per counter: charge, k, bucket expire-at ms, notice ref, e (= 2 × thresholds), thresholds as
 *   (bps, value), k cycle ids.
 * Returns {-1} when the epoch is missing; {2, epoch, sequence} for a repeat; else
 *   {1, epoch, sequence, found, used...} per counter.
 */
export const SETTLE_SCRIPT = `
${LUA_EPOCH}${LUA_NOW}
${LUA_READ_COUNTERS}
local hold_id = ARGV[1]
if ARGV[4] == '1' and not redis.call('SET', KEYS[3], '1', 'PX', ARGV[5], 'NX') then return {2, epoch_id, sequence} end
local channel = ARGV[6]
local counters = read_counters(tonumber(ARGV[3]), 4, 7, {'charge', 'k', 'expire_at', 'ref', 'extra'})
local result = {1, epoch_id, sequence}
for _, counter in ipairs(counters) do
  leave_queue(counter, hold_id)
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
  wake_head(counter, channel)
  result[#result + 1] = found
  result[#result + 1] = after
end
return result
`;

/**
 * Shrink: lowers live holds to what the request turned out to use, as soon as its answer is
 * complete (before settlement), and wakes the first waiter of each counter that freed something.
 * KEYS: per counter as for settle (no epoch, nothing is counted). ARGV: reservation id, counter
 * count, wake channel, then per counter: new amount, k, k cycle ids.
 * Returns the total amount freed.
 */
export const SHRINK_SCRIPT = `
${LUA_NOW}
${LUA_READ_COUNTERS}
local hold_id = ARGV[1]
local channel = ARGV[3]
local counters = read_counters(tonumber(ARGV[2]), 1, 4, {'amount', 'k'})
local freed = 0
for _, counter in ipairs(counters) do
  local released = shrink_hold(counter, hold_id, tonumber(counter.amount))
  if released > 0 then
    freed = freed + released
    wake_head(counter, channel)
  end
end
return freed
`;

/**
 * Renew: pushes the expiry of live holds forward while their requests run (a long stream), so a
 * short hold ttl still frees a dead gateway's holds quickly. A concurrency counter's bucket (which
 * lives only as long as its holds) is kept alive with them: were it to expire under a live hold,
 * the hold's release would find a fresh bucket and the limit would admit too many.
 * KEYS: triples of (holds zset, hold records hash, first bucket); ARGV: hold ttl ms, key ttl ms,
 * then per triple: reservation id, extend bucket (1 | 0).
 * Returns how many holds were still live.
 */
export const RENEW_SCRIPT = `
${LUA_NOW}
local expires_at = now + tonumber(ARGV[1])
local renewed = 0
for i = 1, #KEYS, 3 do
  local position = 3 + 2 * (i - 1) / 3
  local hold_id = ARGV[position]
  if redis.call('ZSCORE', KEYS[i], hold_id) then
    redis.call('ZADD', KEYS[i], 'XX', expires_at, hold_id)
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    redis.call('PEXPIRE', KEYS[i + 1], ARGV[2])
    if ARGV[position + 1] == '1' then redis.call('PEXPIRE', KEYS[i + 2], ARGV[2]) end
    renewed = renewed + 1
  end
end
return renewed
`;

import { LUA_EPOCH, LUA_NOW, LUA_READ_COUNTERS } from "./lua-common.js";

/**
 * Reserve: all or nothing across every counter. Expired holds (a gateway that died mid-request)
 * are released first; then, if every counter has room (used + held + amount <= limit), the
 * amount is held on each; otherwise nothing is held and each refusing counter records its first
 * denial of the cycle, which appends one `exceeded` notice to the stream.
 *
 * With "record denials" 0 a refusal writes nothing of its own (no marker, no bucket expiry, no
 * notice): a caller that will try again with a smaller amount records only its final answer. The
 * writes of every call (epoch sequence, release of expired holds) and an admission are the same.
 *
 * KEYS: epoch, notice stream, then per counter: holds zset, hold records hash, k buckets.
 * ARGV: reservation id, hold ttl ms, request id, counter count, record denials (1 | 0), then per
 *   counter: limit, amount, k, bucket expire-at ms, hold key ttl ms, notice ref, marker cycle,
 *   k cycle ids.
 * Returns {-1} when the epoch is missing (Redis lost its data); {1, epoch, sequence, now,
 *   committed...} when held; {0, epoch, sequence, index, committed, used...} for the refusing counters.
 */
export const RESERVE_SCRIPT = `
${LUA_EPOCH}${LUA_NOW}
${LUA_READ_COUNTERS}
local hold_id = ARGV[1]
local record_denials = ARGV[5] == '1'
local counters = read_counters(tonumber(ARGV[4]), 3, 6, {'limit', 'amount', 'k', 'expire_at', 'key_ttl', 'ref', 'marker'})
local totals = {}
local denied = {}
for c, counter in ipairs(counters) do
  local expired = redis.call('ZRANGEBYSCORE', counter.z, '-inf', now, 'LIMIT', 0, 256)
  for _, expired_id in ipairs(expired) do release_hold(counter, expired_id) end
  totals[c] = sum_fields(counter, true)
  local limit = tonumber(counter.limit)
  if limit <= 0 or totals[c] + tonumber(counter.amount) > limit then denied[#denied + 1] = c end
end
if #denied > 0 then
  local result = {0, epoch_id, sequence}
  for _, c in ipairs(denied) do
    local counter = counters[c]
    local bucket = counter.buckets[1]
    if record_denials and redis.call('HGET', bucket, 'x') ~= counter.marker then
      redis.call('HSET', bucket, 'x', counter.marker)
      redis.call('PEXPIREAT', bucket, counter.expire_at)
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'kind', 'exceeded', 'ref', counter.ref,
        'used', totals[c], 'requested', counter.amount, 'request', ARGV[3], 'at', now)
    end
    result[#result + 1] = c
    result[#result + 1] = totals[c]
    result[#result + 1] = sum_fields(counter, false)
  end
  return result
end
local expires_at = now + tonumber(ARGV[2])
local result = {1, epoch_id, sequence, now}
for c, counter in ipairs(counters) do
  redis.call('HINCRBY', counter.buckets[1], 'held', counter.amount)
  redis.call('PEXPIREAT', counter.buckets[1], counter.expire_at)
  redis.call('HSET', counter.r, hold_id, counter.cycles[1] .. '|' .. counter.amount)
  redis.call('ZADD', counter.z, expires_at, hold_id)
  redis.call('PEXPIRE', counter.r, counter.key_ttl)
  redis.call('PEXPIRE', counter.z, counter.key_ttl)
  result[#result + 1] = totals[c] + tonumber(counter.amount)
end
return result
`;

/**
 * Lua shared by the scripts. Time is Redis's own clock (TIME), so hold expiry does not depend on
 * the gateways' clocks; cycles (which bucket) are chosen by the caller, in the policy's time zone.
 */
export const LUA_NOW = `
local redis_time = redis.call('TIME')
local now = tonumber(redis_time[1]) * 1000 + math.floor(tonumber(redis_time[2]) / 1000)
`;

/**
 * Reads the counters described by KEYS/ARGV from positions `key_index`/`arg_index`: per counter
 * the holds zset, the hold records hash and k bucket keys; and the arguments named in `fields`
 * followed by k cycle ids.
 */
export const LUA_READ_COUNTERS = `
local function read_counters(count, key_index, arg_index, fields)
  local counters = {}
  for c = 1, count do
    local counter = { z = KEYS[key_index], r = KEYS[key_index + 1], buckets = {}, cycles = {} }
    for f, name in ipairs(fields) do counter[name] = ARGV[arg_index + f - 1] end
    local k = tonumber(counter.k)
    local after_fields = arg_index + #fields
    local extra = tonumber(counter.extra or 0)
    counter.extra_index = after_fields
    for j = 1, k do
      counter.buckets[j] = KEYS[key_index + 1 + j]
      counter.cycles[j] = ARGV[after_fields + extra + j - 1]
    end
    key_index = key_index + 2 + k
    arg_index = after_fields + extra + k
    counters[c] = counter
  end
  return counters
end

-- Drops one hold and takes its amount off the held total of its cycle's bucket, if still present.
local function release_hold(counter, hold_id)
  local record = redis.call('HGET', counter.r, hold_id)
  local found = 0
  if record then
    found = 1
    local separator = string.find(record, '|', 1, true)
    local cycle = string.sub(record, 1, separator - 1)
    local amount = tonumber(string.sub(record, separator + 1))
    for j, candidate in ipairs(counter.cycles) do
      -- A zero hold holds nothing (and Lua's -0 is no integer to Redis: HINCRBY refused it).
      if amount ~= 0 and candidate == cycle and redis.call('EXISTS', counter.buckets[j]) == 1 then
        redis.call('HINCRBY', counter.buckets[j], 'held', -amount)
      end
    end
    redis.call('HDEL', counter.r, hold_id)
  end
  redis.call('ZREM', counter.z, hold_id)
  return found
end

local function sum_fields(counter, include_held)
  local total = 0
  for _, bucket in ipairs(counter.buckets) do
    local values = redis.call('HMGET', bucket, 'used', 'held')
    total = total + (tonumber(values[1]) or 0)
    if include_held then total = total + (tonumber(values[2]) or 0) end
  end
  return total
end
`;

/**
 * The trust check every counting script starts with: no epoch, no counting ({-1}). Otherwise the
 * epoch's write sequence goes up by one; callers that see it go down know Redis lost writes.
 */
export const LUA_EPOCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local epoch_id = tonumber(redis.call('HGET', KEYS[1], 'id') or '0')
local sequence = redis.call('HINCRBY', KEYS[1], 'seq', 1)
`;

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
 * the holds zset, the hold records hash, the admission queue zset and its deadlines hash, and k
 * bucket keys; and the arguments named in `fields` followed by k cycle ids.
 *
 * Uses \`now\` (LUA_NOW must come first).
 */
export const LUA_READ_COUNTERS = `
local function read_counters(count, key_index, arg_index, fields)
  local counters = {}
  for c = 1, count do
    local counter = { z = KEYS[key_index], r = KEYS[key_index + 1], q = KEYS[key_index + 2], qd = KEYS[key_index + 3], buckets = {}, cycles = {} }
    for f, name in ipairs(fields) do counter[name] = ARGV[arg_index + f - 1] end
    local k = tonumber(counter.k)
    local after_fields = arg_index + #fields
    local extra = tonumber(counter.extra or 0)
    counter.extra_index = after_fields
    for j = 1, k do
      counter.buckets[j] = KEYS[key_index + 3 + j]
      counter.cycles[j] = ARGV[after_fields + extra + j - 1]
    end
    key_index = key_index + 4 + k
    arg_index = after_fields + extra + k
    counters[c] = counter
  end
  return counters
end

local function parse_hold(record)
  local separator = string.find(record, '|', 1, true)
  return string.sub(record, 1, separator - 1), tonumber(string.sub(record, separator + 1))
end

-- Takes \`amount\` off the held total of the bucket of \`cycle\`, if that bucket still exists, and
-- never below 0: a bucket that expired and was re-created must not go negative (that would admit
-- more than the limit for good).
local function unhold(counter, cycle, amount)
  -- A zero hold holds nothing (and Lua's -0 is no integer to Redis: HINCRBY refused it).
  if amount == 0 then return end
  for j, candidate in ipairs(counter.cycles) do
    if candidate == cycle and redis.call('EXISTS', counter.buckets[j]) == 1 then
      if redis.call('HINCRBY', counter.buckets[j], 'held', -amount) < 0 then redis.call('HSET', counter.buckets[j], 'held', 0) end
    end
  end
end

-- Drops one hold and takes its amount off the held total of its cycle's bucket, if still present.
local function release_hold(counter, hold_id)
  local record = redis.call('HGET', counter.r, hold_id)
  local found = 0
  if record then
    found = 1
    local cycle, amount = parse_hold(record)
    unhold(counter, cycle, amount)
    redis.call('HDEL', counter.r, hold_id)
  end
  redis.call('ZREM', counter.z, hold_id)
  return found
end

-- Lowers a live hold to \`amount\` (never raises it): the unused part is free for others at once.
local function shrink_hold(counter, hold_id, amount)
  local record = redis.call('HGET', counter.r, hold_id)
  if not record then return 0 end
  local cycle, held = parse_hold(record)
  if amount >= held then return 0 end
  unhold(counter, cycle, held - amount)
  redis.call('HSET', counter.r, hold_id, cycle .. '|' .. amount)
  return held - amount
end

-- The first live ticket of the counter's admission queue; tickets past their deadline (a waiter
-- whose gateway died) are dropped on the way.
local function queue_head(counter)
  for _ = 1, 256 do
    local head = redis.call('ZRANGE', counter.q, 0, 0)[1]
    if not head then return nil end
    if tonumber(redis.call('HGET', counter.qd, head) or '0') > now then return head end
    redis.call('ZREM', counter.q, head)
    redis.call('HDEL', counter.qd, head)
  end
  return redis.call('ZRANGE', counter.q, 0, 0)[1]
end

-- Something was freed or admitted: the first waiter (if any) is told to try again, on one channel
-- every gateway listens to (the message is the ticket; only its gateway acts on it).
local function wake_head(counter, channel)
  if redis.call('EXISTS', counter.q) == 0 then return end
  local head = queue_head(counter)
  if head then redis.call('PUBLISH', channel, head) end
end

local function leave_queue(counter, ticket)
  redis.call('HDEL', counter.qd, ticket)
  return redis.call('ZREM', counter.q, ticket)
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

import { LUA_EPOCH, LUA_NOW, LUA_READ_COUNTERS } from "./lua-common.js";

/**
 * Reserve: all or nothing across every counter. Expired holds (a gateway that died mid-request)
 * are released first; then, if every counter has room (used + held + amount <= limit) and no
 * earlier waiter is queued on it, the amount is held on each; otherwise nothing is held.
 *
 * A refusal is *temporary* on a counter of tokens or cost (kind 1) whose settled usage leaves room
 * (used + amount <= limit): only holds of requests in flight, or waiters ahead, stand in the way.
 * Only a refusal that is not temporary records the counter's first denial of the cycle and appends
 * the `exceeded` notice (and not with "record denials" 0: a caller that will try again with a
 * smaller amount records only its final answer).
 *
 * When every refusal is temporary and each refusing counter allows a wait (its policy's, capped by
 * the caller), the request queues instead (reply kind 2): its
 * ticket (the reservation id) joins the FIFO queue of each refusing counter, scored by first
 * arrival, and it holds its concurrency slots while it waits (waiters count against concurrency).
 * Any other refusal, or an admission, takes the ticket out of every queue; each admission or exit
 * wakes the next waiter (pub/sub), so a chain of waiters moves without polling.
 *
 * KEYS: epoch, notice stream, then per counter: holds zset, hold records hash, queue zset, queue
 *   deadlines hash, k buckets.
 * ARGV: reservation id, hold ttl ms, request id, counter count, record denials (1 | 0), (unused),
 *   wake channel, then per counter: limit, amount, k, bucket expire-at ms, hold key ttl ms, notice
 *   ref, marker cycle, kind (0 requests, 1 tokens or cost, 2 concurrency), wait ms, k cycle ids.
 * Returns {-1} when the epoch is missing (Redis lost its data); {1, epoch, sequence, now,
 *   committed...} when held; {0 | 2, epoch, sequence, (index, committed, used)...} for the
 *   refusing counters (2: queued).
 */
export const RESERVE_SCRIPT = `
${LUA_EPOCH}${LUA_NOW}
${LUA_READ_COUNTERS}
local hold_id = ARGV[1]
local record_denials = ARGV[5] == '1'
local channel = ARGV[7]
local counters = read_counters(tonumber(ARGV[4]), 3, 8, {'limit', 'amount', 'k', 'expire_at', 'key_ttl', 'ref', 'marker', 'kind', 'wait'})
local denied = {}
local cannot_wait = false
for c, counter in ipairs(counters) do
  local expired = redis.call('ZRANGEBYSCORE', counter.z, '-inf', now, 'LIMIT', 0, 256)
  for _, expired_id in ipairs(expired) do release_hold(counter, expired_id) end
  -- Room a dead gateway held is free again: the first waiter may fit now.
  if #expired > 0 then wake_head(counter, channel) end
  -- A waiter already holds its concurrency slot: it is not asked for a second one.
  local own = redis.call('HGET', counter.r, hold_id)
  counter.own = 0
  if own then local _, amount = parse_hold(own) counter.own = amount end
  counter.total = sum_fields(counter, true) - counter.own
  counter.used = sum_fields(counter, false)
  local limit = tonumber(counter.limit)
  local amount = tonumber(counter.amount)
  local head = queue_head(counter)
  if limit <= 0 or counter.total + amount > limit or (head and head ~= hold_id) then
    counter.temporary = counter.kind == '1' and limit > 0 and counter.used + amount <= limit
    if not counter.temporary or tonumber(counter.wait) <= 0 then cannot_wait = true end
    denied[#denied + 1] = c
  end
end
if #denied > 0 then
  local queued = not cannot_wait
  local result = {queued and 2 or 0, epoch_id, sequence}
  for _, c in ipairs(denied) do
    local counter = counters[c]
    local bucket = counter.buckets[1]
    if queued then
      redis.call('ZADD', counter.q, 'NX', now, hold_id)
      redis.call('HSETNX', counter.qd, hold_id, now + tonumber(counter.wait))
      redis.call('PEXPIRE', counter.q, counter.key_ttl)
      redis.call('PEXPIRE', counter.qd, counter.key_ttl)
    elseif record_denials and not counter.temporary and redis.call('HGET', bucket, 'x') ~= counter.marker then
      redis.call('HSET', bucket, 'x', counter.marker)
      redis.call('PEXPIREAT', bucket, counter.expire_at)
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'kind', 'exceeded', 'ref', counter.ref,
        'used', counter.total, 'requested', counter.amount, 'request', ARGV[3], 'at', now)
    end
    result[#result + 1] = c
    result[#result + 1] = counter.total
    result[#result + 1] = counter.used
  end
  local expires_at = now + tonumber(ARGV[2])
  for _, counter in ipairs(counters) do
    if queued then
      if counter.kind == '2' and counter.own == 0 then
        redis.call('HINCRBY', counter.buckets[1], 'held', 1)
        redis.call('PEXPIREAT', counter.buckets[1], counter.expire_at)
        redis.call('HSET', counter.r, hold_id, counter.cycles[1] .. '|1')
        redis.call('ZADD', counter.z, expires_at, hold_id)
        redis.call('PEXPIRE', counter.r, counter.key_ttl)
        redis.call('PEXPIRE', counter.z, counter.key_ttl)
      end
    else
      -- Not waiting (any more): out of every queue, its concurrency slot given back.
      if leave_queue(counter, hold_id) == 1 then wake_head(counter, channel) end
      if counter.own > 0 then release_hold(counter, hold_id) end
    end
  end
  return result
end
local expires_at = now + tonumber(ARGV[2])
local result = {1, epoch_id, sequence, now}
for c, counter in ipairs(counters) do
  local amount = tonumber(counter.amount)
  if amount ~= counter.own then redis.call('HINCRBY', counter.buckets[1], 'held', amount - counter.own) end
  redis.call('PEXPIREAT', counter.buckets[1], counter.expire_at)
  redis.call('HSET', counter.r, hold_id, counter.cycles[1] .. '|' .. amount)
  redis.call('ZADD', counter.z, expires_at, hold_id)
  redis.call('PEXPIRE', counter.r, counter.key_ttl)
  redis.call('PEXPIRE', counter.z, counter.key_ttl)
  -- The next waiter may fit as well: it is told to try (admissions move a queue along).
  if leave_queue(counter, hold_id) == 1 then wake_head(counter, channel) end
  result[#result + 1] = counter.total + amount
end
return result
`;

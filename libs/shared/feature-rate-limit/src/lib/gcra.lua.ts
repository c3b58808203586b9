/**
 * GCRA over all of a route's policies for one caller, in one atomic step on Redis's own clock.
 *
 * KEYS[i]: the bucket of policy i (all under one hash tag, so one Cluster slot).
 * ARGV[1]: the cost; ARGV[2i], ARGV[2i+1]: policy i's emission interval (µs) and burst.
 * Returns { allowed (1|0), now (µs), stored TAT of policy 1 (µs, or ''), ... }; the caller derives the
 * headers from these with the same arithmetic (`gcra()` in microseconds), operation for operation.
 * New TATs are written only when every policy allows, each expiring when its bucket would be full again.
 */
export const GCRA_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local cost = tonumber(ARGV[1])
local slack = 1
local allowed = 1
local out = { 0, string.format('%.0f', now) }
local candidates = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local stored = redis.call('GET', KEYS[i])
  local tat = now
  if stored then
    out[i + 2] = stored
    tat = math.max(tonumber(stored), now)
  else
    out[i + 2] = ''
  end
  local newTat = tat + cost * interval
  candidates[i] = newTat
  if newTat - now - burst * interval > slack then allowed = 0 end
end
if allowed == 1 then
  for i = 1, #KEYS do
    local ttl = math.ceil((candidates[i] - now) / 1000)
    if ttl < 1 then ttl = 1 end
    redis.call('SET', KEYS[i], string.format('%.0f', candidates[i]), 'PX', ttl)
  end
end
out[1] = allowed
return out
`;

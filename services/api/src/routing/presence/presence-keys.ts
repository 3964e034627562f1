/**
 * A tenant's dashboard connections (`<userId>|<socketId>`, scored by when each lapses unless renewed), shared by every
 * API replica (docs/adr/0122); `presence:lapses` holds every tenant's, for the sweep after a replica dies.
 */
export const socketsKey = (tenantId: string): string => `presence:sockets:${tenantId}`;
export const LAPSES_KEY = 'presence:lapses';

/** How often each replica renews its connections, and how long one lives without renewal. */
export const HEARTBEAT_MS = 10_000;
export const LIFETIME_MS = 30_000;

/** How many unexpired connections of one user a tenant's set holds (members are prefixed by the user id). */
const COUNT_LIVE = `
local function live(key, user, now)
  local n = 0
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', key, '(' .. now, '+inf')) do
    if string.sub(m, 1, #user + 1) == user .. '|' then n = n + 1 end
  end
  return n
end
`;

/** KEYS: sockets, lapses. ARGV: userId, socketId, expiresAt, now, tenantId. Answers the user's other live sockets. */
export const CONNECT_SCRIPT = `${COUNT_LIVE}
local before = live(KEYS[1], ARGV[1], ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1] .. '|' .. ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[5] .. '|' .. ARGV[1] .. '|' .. ARGV[2])
return before
`;

/**
 * KEYS: sockets, lapses. ARGV: userId, socketId, now, tenantId. Removes the connection; answers -1 when it was gone
 * already (another replica's sweep took it), else the user's live sockets left.
 */
export const DISCONNECT_SCRIPT = `${COUNT_LIVE}
local removed = redis.call('ZREM', KEYS[2], ARGV[4] .. '|' .. ARGV[1] .. '|' .. ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1] .. '|' .. ARGV[2])
if removed == 0 then return -1 end
return live(KEYS[1], ARGV[1], ARGV[3])
`;

// Per-user question budget in Redis: a sliding one-minute window (sorted set) counted across all replicas.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateDecision, RateLimiter } from './rate-limiter.js';

const WINDOW_MS = 60_000;

// Atomic: trim the window, count, admit or say when the oldest question leaves it. Times come from Redis's own
// clock (TIME), so replicas whose clocks differ still share one window.
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return -1
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly perMinute: number,
  ) {}

  async take(user: string): Promise<RateDecision> {
    const member = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    const result = Number(await this.redis.eval(TAKE_SCRIPT, 1, `${this.prefix}rate:${user}`, WINDOW_MS, this.perMinute, member));
    return result < 0 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(0, result) };
  }
}

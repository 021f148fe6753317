// Event claims in Redis: SET NX PX, so exactly one replica wins a claim, and a dead holder's claim expires.
import type { Redis } from 'ioredis';
import { DEFAULT_CLAIM_TTL_MS, type EventDedupe } from './event-dedupe.js';

export class RedisEventDedupe implements EventDedupe {
  constructor(
    private readonly redis: Redis,
    /** Namespace of every key, e.g. "trendbot:". */
    private readonly prefix: string,
  ) {}

  async claim(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<boolean> {
    return (await this.redis.set(this.keyOf(key), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async keep(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<void> {
    // Unconditional: also when the answering claim ran out meanwhile, the event is answered now.
    await this.redis.set(this.keyOf(key), '1', 'PX', ttlMs);
  }

  private keyOf(key: string): string {
    return `${this.prefix}claim:${key}`;
  }
}

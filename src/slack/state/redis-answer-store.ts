// Recent answers in Redis, so a button clicked on one replica finds an answer another replica gave.
import type { Redis } from 'ioredis';
import type { AnswerStore, StoredAnswer } from './answer-store.js';

// Buttons are mostly clicked the same day; a week keeps last week's threads working. An answer is a few KB.
export const ANSWER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export class RedisAnswerStore implements AnswerStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = ANSWER_TTL_MS,
  ) {}

  async save(entry: StoredAnswer): Promise<void> {
    await this.redis.set(this.keyOf(entry.id), JSON.stringify(entry), 'PX', this.ttlMs);
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    const raw = await this.redis.get(this.keyOf(id));
    return raw === null ? undefined : (JSON.parse(raw) as StoredAnswer);
  }

  async claimShare(id: string): Promise<boolean> {
    return (await this.redis.set(`${this.keyOf(id)}:shared`, '1', 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  async releaseShare(id: string): Promise<void> {
    await this.redis.del(`${this.keyOf(id)}:shared`);
  }

  private keyOf(id: string): string {
    return `${this.prefix}answer:${id}`;
  }
}

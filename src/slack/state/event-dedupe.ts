// Remembers which Slack events (and messages) were already taken on, so a retry never produces a second answer.
import { LRUCache } from 'lru-cache';

export interface EventDedupe {
  /**
   * Atomically claims `key` for `ttlMs`: true for the first caller, false while the claim lasts.
   * Claim before answering, so a retry that arrives mid-answer is dropped too.
   */
  claim(key: string, ttlMs?: number): Promise<boolean>;
  /** Holds `key` for `ttlMs` from now, claimed or not: once answered, late retries are dropped for that long. */
  keep(key: string, ttlMs?: number): Promise<void>;
}

// Slack retries an event three times over about five minutes; an hour covers that with room to spare.
export const DEFAULT_CLAIM_TTL_MS = 60 * 60 * 1000;
// While answering, a claim lasts this long: longer than any answer (LLM_DEADLINE_MS is 45 s by default), so a slow
// holder is never doubled, yet short enough that if its replica dies, Slack's retry 5 minutes later is answered.
export const DEFAULT_ANSWERING_TTL_MS = 2 * 60 * 1000;

/** Claims in this process: at most `maxKeys`, the least recently claimed dropped first; `now` is for tests. */
export class MemoryEventDedupe implements EventDedupe {
  private readonly claims: LRUCache<string, true>;

  constructor(now: () => number = Date.now, maxKeys = 50_000) {
    // ttlResolution 0: every check reads the clock (lru-cache otherwise reuses a reading for up to 1 ms).
    this.claims = new LRUCache({ max: maxKeys, ttl: DEFAULT_CLAIM_TTL_MS, perf: { now }, ttlResolution: 0 });
  }

  async claim(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<boolean> {
    if (this.claims.has(key)) return false;
    this.claims.set(key, true, { ttl: ttlMs });
    return true;
  }

  async keep(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<void> {
    this.claims.set(key, true, { ttl: ttlMs });
  }
}

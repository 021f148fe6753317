// Remembers which Slack events (and messages) were already taken on, so a retry never produces a second answer.

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

export class MemoryEventDedupe implements EventDedupe {
  private readonly claims = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  async claim(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<boolean> {
    const now = this.now();
    const expires = this.claims.get(key);
    if (expires !== undefined && expires > now) return false;
    this.claims.delete(key);
    this.claims.set(key, now + ttlMs);
    this.evict(now);
    return true;
  }

  async keep(key: string, ttlMs = DEFAULT_CLAIM_TTL_MS): Promise<void> {
    const now = this.now();
    this.claims.delete(key);
    this.claims.set(key, now + ttlMs);
    this.evict(now);
  }

  private evict(now: number): void {
    // Map iteration is insertion order, so the oldest claims come first.
    for (const [key, expires] of this.claims) {
      if (this.claims.size <= this.maxKeys && expires > now) break;
      this.claims.delete(key);
    }
  }
}

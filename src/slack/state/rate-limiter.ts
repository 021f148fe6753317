// Per-user question budget: at most N questions in any sliding minute.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Counts one question for `user` if the budget allows it. */
  take(user: string): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

export class MemoryRateLimiter implements RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(user: string): Promise<RateDecision> {
    const now = this.now();
    const times = (this.recent.get(user) ?? []).filter((time) => time > now - WINDOW_MS);
    if (times.length >= this.perMinute) {
      this.recent.set(user, times);
      return { allowed: false, retryAfterMs: times[0]! + WINDOW_MS - now };
    }
    times.push(now);
    this.recent.set(user, times);
    if (this.recent.size > 10_000) this.forgetIdle(now);
    return { allowed: true };
  }

  private forgetIdle(now: number): void {
    for (const [user, times] of this.recent) if (times.every((time) => time <= now - WINDOW_MS)) this.recent.delete(user);
  }
}

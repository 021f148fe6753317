// Conversation turns in Redis, one list per channel and thread: a follow-up on any replica sees what was asked on another.
import type { Redis } from 'ioredis';
import {
  ASSISTANT_THREAD_MAX_AGE_MS,
  DEFAULT_CONVERSATION_LIMITS,
  type ConversationKey,
  type ConversationLimits,
  type ConversationStore,
} from './conversation-store.js';

interface Turn {
  question: string;
  /** Epoch milliseconds when it was asked. */
  at: number;
}

/** Bounded like the in-process store: at most maxTurns per conversation, forgotten maxAgeMs after the last turn. */
export class RedisConversationStore implements ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: Pick<ConversationLimits, 'maxTurns' | 'maxAgeMs'> = DEFAULT_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async questions(key: ConversationKey): Promise<string[]> {
    const cutoff = this.now() - this.limits.maxAgeMs;
    const turns = (await this.redis.lrange(this.keyOf(key), 0, -1)).map((raw) => JSON.parse(raw) as Turn);
    return turns.filter((turn) => turn.at > cutoff).map((turn) => turn.question);
  }

  async addQuestion(key: ConversationKey, question: string): Promise<void> {
    const id = this.keyOf(key);
    const turn: Turn = { question, at: this.now() };
    await this.redis.multi().rpush(id, JSON.stringify(turn)).ltrim(id, -this.limits.maxTurns, -1).pexpire(id, this.limits.maxAgeMs).exec();
  }

  async threadContext(key: ConversationKey): Promise<Record<string, unknown> | undefined> {
    const saved = await this.redis.get(this.keyOf(key, 'thread-context'));
    return saved ? (JSON.parse(saved) as Record<string, unknown>) : undefined;
  }

  async saveThreadContext(key: ConversationKey, context: Record<string, unknown>): Promise<void> {
    await this.redis.set(this.keyOf(key, 'thread-context'), JSON.stringify(context), 'PX', ASSISTANT_THREAD_MAX_AGE_MS);
  }

  private keyOf({ channel, thread }: ConversationKey, kind = 'conversation'): string {
    return `${this.prefix}${kind}:${channel}:${thread ?? 'top'}`;
  }
}

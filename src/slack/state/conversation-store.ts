// The questions asked so far in each conversation (channel + thread), so follow-ups need no Slack history calls; and,
// for an assistant-panel thread, what the user is looking at (the channel beside the panel), which also marks the
// thread as the panel's: Bolt hands every threaded DM message to the panel, and a plain DM thread is not one.
import { LRUCache } from 'lru-cache';

export interface ConversationKey {
  channel: string;
  /** Thread root ts; undefined for the top level of a DM. */
  thread?: string;
}

export interface ConversationStore {
  /** Earlier questions of the conversation, oldest first (only those still within the age limit). */
  questions(key: ConversationKey): Promise<string[]>;
  addQuestion(key: ConversationKey, question: string): Promise<void>;
  /**
   * The assistant thread's context (Slack's `{channel_id, team_id, enterprise_id}`, possibly {}), or undefined when the
   * thread was not started in the assistant panel, or was last started or changed ASSISTANT_THREAD_MAX_AGE_MS ago.
   */
  threadContext(key: ConversationKey): Promise<Record<string, unknown> | undefined>;
  /** Remembers the context for ASSISTANT_THREAD_MAX_AGE_MS (bounded like the turns in memory). */
  saveThreadContext(key: ConversationKey, context: Record<string, unknown>): Promise<void>;
}

export interface ConversationLimits {
  /** Turns kept per conversation. */
  maxTurns: number;
  /** Turns older than this are forgotten, in milliseconds. */
  maxAgeMs: number;
  /** Conversations kept; the least recently used go first. */
  maxConversations: number;
}

/** How long a thread is known as the assistant panel's after it started or its context changed: 30 days, in ms. */
export const ASSISTANT_THREAD_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = { maxTurns: 10, maxAgeMs: 60 * 60 * 1000, maxConversations: 5000 };

interface Turn {
  question: string;
  at: number;
}

/** Conversations in this process: the `maxConversations` most recently used, each forgotten `maxAgeMs` after its last turn. */
export class MemoryConversationStore implements ConversationStore {
  private readonly turns: LRUCache<string, Turn[]>;
  private readonly contexts: LRUCache<string, Record<string, unknown>>;

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    // ttlResolution 0: every check reads the clock (lru-cache otherwise reuses a reading for up to 1 ms).
    const options = { max: limits.maxConversations, ttl: limits.maxAgeMs, perf: { now }, ttlResolution: 0 };
    this.turns = new LRUCache(options);
    this.contexts = new LRUCache({ ...options, ttl: ASSISTANT_THREAD_MAX_AGE_MS });
  }

  async questions(key: ConversationKey): Promise<string[]> {
    return this.fresh(keyOf(key)).map((turn) => turn.question);
  }

  async addQuestion(key: ConversationKey, question: string): Promise<void> {
    const id = keyOf(key);
    this.turns.set(id, [...this.fresh(id), { question, at: this.now() }].slice(-this.limits.maxTurns));
  }

  async threadContext(key: ConversationKey): Promise<Record<string, unknown> | undefined> {
    return this.contexts.get(keyOf(key));
  }

  async saveThreadContext(key: ConversationKey, context: Record<string, unknown>): Promise<void> {
    this.contexts.set(keyOf(key), context);
  }

  private fresh(id: string): Turn[] {
    const cutoff = this.now() - this.limits.maxAgeMs;
    return (this.turns.get(id) ?? []).filter((turn) => turn.at > cutoff);
  }
}

function keyOf({ channel, thread }: ConversationKey): string {
  return `${channel}:${thread ?? 'top'}`;
}

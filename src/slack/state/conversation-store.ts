// The questions asked so far in each conversation (channel + thread), so follow-ups need no Slack history calls; and,
// for an assistant-panel thread, what the user is looking at (the channel beside the panel).

export interface ConversationKey {
  channel: string;
  /** Thread root ts; undefined for the top level of a DM. */
  thread?: string;
}

export interface ConversationStore {
  /** Earlier questions of the conversation, oldest first (only those still within the age limit). */
  questions(key: ConversationKey): Promise<string[]>;
  addQuestion(key: ConversationKey, question: string): Promise<void>;
  /** The assistant thread's context (Slack's `{channel_id, team_id, enterprise_id}`), or {} when none was saved or it expired. */
  threadContext(key: ConversationKey): Promise<Record<string, unknown>>;
  /** Remembers the context, bounded and aged like the turns. */
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

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = { maxTurns: 10, maxAgeMs: 60 * 60 * 1000, maxConversations: 5000 };

interface Turn {
  question: string;
  at: number;
}

export class MemoryConversationStore implements ConversationStore {
  private readonly turns = new Map<string, Turn[]>();
  private readonly contexts = new Map<string, { context: Record<string, unknown>; at: number }>();

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async questions(key: ConversationKey): Promise<string[]> {
    return this.fresh(keyOf(key)).map((turn) => turn.question);
  }

  async addQuestion(key: ConversationKey, question: string): Promise<void> {
    const id = keyOf(key);
    const turns = [...this.fresh(id), { question, at: this.now() }].slice(-this.limits.maxTurns);
    this.turns.delete(id);
    this.turns.set(id, turns);
    for (const oldest of this.turns.keys()) {
      if (this.turns.size <= this.limits.maxConversations) break;
      this.turns.delete(oldest);
    }
  }

  async threadContext(key: ConversationKey): Promise<Record<string, unknown>> {
    const saved = this.contexts.get(keyOf(key));
    return saved && saved.at > this.now() - this.limits.maxAgeMs ? saved.context : {};
  }

  async saveThreadContext(key: ConversationKey, context: Record<string, unknown>): Promise<void> {
    const id = keyOf(key);
    this.contexts.delete(id);
    this.contexts.set(id, { context, at: this.now() });
    for (const oldest of this.contexts.keys()) {
      if (this.contexts.size <= this.limits.maxConversations) break;
      this.contexts.delete(oldest);
    }
  }

  private fresh(id: string): Turn[] {
    const cutoff = this.now() - this.limits.maxAgeMs;
    return (this.turns.get(id) ?? []).filter((turn) => turn.at > cutoff);
  }
}

function keyOf({ channel, thread }: ConversationKey): string {
  return `${channel}:${thread ?? 'top'}`;
}

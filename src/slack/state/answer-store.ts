// Recent answers by id, so the buttons on a message (share, show more, feedback) can find what was shown.
import type { Answer } from '../../answer/types.js';

export interface StoredAnswer {
  id: string;
  answer: Answer;
  /** How many quotes the answer message itself showed (the rest sit behind "Show more quotes"). */
  shownUntil: number;
}

export interface AnswerStore {
  save(entry: StoredAnswer): Promise<void>;
  get(id: string): Promise<StoredAnswer | undefined>;
  /** Claims sharing the answer in its channel: true for the first click only, so two quick clicks post once. */
  claimShare(id: string): Promise<boolean>;
  /** Gives the claim back after a share that failed, so the user can try again. */
  releaseShare(id: string): Promise<void>;
}

export class MemoryAnswerStore implements AnswerStore {
  private readonly entries = new Map<string, StoredAnswer>();
  private readonly shared = new Set<string>();

  constructor(private readonly maxEntries = 2000) {}

  async save(entry: StoredAnswer): Promise<void> {
    this.entries.set(entry.id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
      this.shared.delete(oldest);
    }
  }

  async claimShare(id: string): Promise<boolean> {
    if (this.shared.has(id)) return false;
    this.shared.add(id);
    return true;
  }

  async releaseShare(id: string): Promise<void> {
    this.shared.delete(id);
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    return this.entries.get(id);
  }
}

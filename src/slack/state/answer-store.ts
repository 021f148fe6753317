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
}

export class MemoryAnswerStore implements AnswerStore {
  private readonly entries = new Map<string, StoredAnswer>();

  constructor(private readonly maxEntries = 2000) {}

  async save(entry: StoredAnswer): Promise<void> {
    this.entries.set(entry.id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    return this.entries.get(id);
  }
}

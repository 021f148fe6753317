// Recent answers by id, so the buttons on a message (share, show more, feedback) can find what was shown.
import { LRUCache } from 'lru-cache';
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

/** Answers in this process: the `maxEntries` most recently saved. */
export class MemoryAnswerStore implements AnswerStore {
  private readonly entries: LRUCache<string, StoredAnswer>;
  private readonly shared: LRUCache<string, true>;

  constructor(maxEntries = 2000) {
    this.entries = new LRUCache({ max: maxEntries });
    this.shared = new LRUCache({ max: maxEntries });
  }

  async save(entry: StoredAnswer): Promise<void> {
    this.entries.set(entry.id, entry);
  }

  async claimShare(id: string): Promise<boolean> {
    if (this.shared.has(id)) return false;
    this.shared.set(id, true);
    return true;
  }

  async releaseShare(id: string): Promise<void> {
    this.shared.delete(id);
  }

  async get(id: string): Promise<StoredAnswer | undefined> {
    return this.entries.get(id);
  }
}

// Okapi BM25 over passages, small enough to keep whole in memory and persist as JSON.
import { termCounts, tokenize } from './tokenize.js';

// Robertson & Zaragoza's usual defaults.
export const K1 = 1.2;
export const B = 0.75;

/** BM25's idf for a term in `df` of `count` passages; a term the corpus never uses (df = 0) gets the highest. */
export function bm25Idf(count: number, df: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}

export interface Bm25Data {
  /** Number of passages. */
  count: number;
  /** Passage lengths in terms. */
  lengths: number[];
  /** term → [passage index, term frequency] pairs, flattened. */
  postings: Record<string, number[]>;
}

export interface ScoredIndex {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly averageLength: number;

  private constructor(private readonly data: Bm25Data) {
    this.averageLength = data.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, data.count);
  }

  static build(texts: string[]): Bm25Index {
    const postings: Record<string, number[]> = Object.create(null);
    const lengths: number[] = [];
    texts.forEach((text, index) => {
      const terms = tokenize(text);
      lengths.push(terms.length);
      for (const [term, count] of termCounts(terms)) (postings[term] ??= []).push(index, count);
    });
    return new Bm25Index({ count: texts.length, lengths, postings });
  }

  static fromJSON(data: Bm25Data): Bm25Index {
    return new Bm25Index({ ...data, postings: Object.assign(Object.create(null), data.postings) });
  }

  toJSON(): Bm25Data {
    return this.data;
  }

  get size(): number {
    return this.data.count;
  }

  /** Every term of the passages. */
  get terms(): readonly string[] {
    this.termList ??= Object.keys(this.data.postings);
    return this.termList;
  }

  private termList: string[] | undefined;

  /** Number of passages that contain the term (0 for a term the corpus never uses). */
  documentFrequency(term: string): number {
    return (this.data.postings[term]?.length ?? 0) / 2;
  }

  idf(term: string): number {
    return bm25Idf(this.data.count, this.documentFrequency(term));
  }

  /** Top passages for weighted query terms; `accept` filters passage indexes. */
  search(queryTerms: Map<string, number>, limit: number, accept?: (index: number) => boolean): ScoredIndex[] {
    const scores = new Map<number, number>();
    for (const [term, weight] of queryTerms) {
      const postings = this.data.postings[term];
      if (!postings) continue;
      const idf = this.idf(term);
      for (let i = 0; i < postings.length; i += 2) {
        const index = postings[i]!;
        if (accept && !accept(index)) continue;
        const tf = postings[i + 1]!;
        const norm = K1 * (1 - B + (B * this.data.lengths[index]!) / this.averageLength);
        scores.set(index, (scores.get(index) ?? 0) + (weight * idf * tf * (K1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .map(([index, score]) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, limit);
  }
}

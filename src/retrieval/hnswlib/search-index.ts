// The loaded index: passages, BM25, the hnswlib vector store, the embedder that made its vectors and the reranker.
import type { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { ENGLISH } from '../../corpus/language.js';
import type { IndexedFile } from '../../corpus/load-corpus.js';
import type { Passage } from '../../corpus/types.js';
import type { AcronymMap } from '../acronyms.js';
import type { Embedder } from '../embedders/create-embedder.js';
import { Bm25Index } from '../bm25-index.js';
import type { Reranker } from '../reranker/reranker.js';
import { matchesFilter, type PassageFilter, type PassageStore, type ScoredPassage, type TermStats } from '../passage-store.js';

export interface IndexManifest {
  version: 1;
  /** ISO time the index was built. */
  builtAt: string;
  corpusHash: string;
  embedder: { key: string; dimensions: number };
  /** tokenize.ts's ANALYZER_KEY when the BM25 terms were made; absent in indexes built before it existed. */
  analyzer?: string;
  passageCount: number;
  /** Passages embedded by this build; the others' vectors came from the vector cache. */
  embedded?: number;
  /** Points this build inserted into the hnswlib graph and marked deleted (a graph kept from the previous build). */
  graph?: { inserted: number; deleted: number };
  /** Per corpus file: its passages and speakers (absent in indexes built before it existed). */
  files?: IndexedFile[];
  /** Wall-clock milliseconds spent embedding and indexing. */
  buildMs: { embedding: number; indexing: number };
}

export interface IndexParts {
  manifest: IndexManifest;
  passages: Passage[];
  bm25: Bm25Index;
  vectors: HNSWLib;
  embedder: Embedder;
  reranker?: Reranker;
  acronyms: AcronymMap;
}

// hnswlib's query-time beam width: 10 by default and not saved with the index. Larger is more exact, slower.
export const DEFAULT_EF_SEARCH = 128;

/** The in-process index: everything in memory, vectors in hnswlib. */
export class SearchIndex implements PassageStore {
  constructor(readonly parts: IndexParts) {
    parts.vectors.index.setEf(DEFAULT_EF_SEARCH);
  }

  get passages(): Passage[] {
    return this.parts.passages;
  }

  get bm25(): Bm25Index {
    return this.parts.bm25;
  }

  get embedder(): Embedder {
    return this.parts.embedder;
  }

  get reranker(): Reranker | undefined {
    return this.parts.reranker;
  }

  get acronyms(): AcronymMap {
    return this.parts.acronyms;
  }

  async lexical(weights: Map<string, number>, limit: number, filter: PassageFilter): Promise<ScoredPassage[]> {
    const accept = this.accept(filter);
    return this.parts.bm25.search(weights, limit, accept && ((index) => accept(this.passages[index]!))).map(({ index, score }) => ({
      passage: this.passages[index]!,
      score,
    }));
  }

  async nearest(vector: number[], limit: number, filter: PassageFilter): Promise<ScoredPassage[]> {
    // The graph may also hold points deleted by incremental rebuilds: the live count is the passages'.
    const count = this.passages.length;
    if (count === 0 || vector.every((value) => value === 0)) return [];
    const accept = this.accept(filter);
    const docFilter = accept && ((doc: Document) => accept(this.passages[doc.metadata.index as number]!));
    const results = await this.parts.vectors.similaritySearchVectorWithScore(vector, Math.min(limit, count), docFilter);
    // LangChain returns hnswlib's cosine distance (1 - similarity).
    return results.map(([doc, distance]) => ({ passage: this.passages[doc.metadata.index as number]!, score: 1 - distance }));
  }

  // Asked on every question: the passages never change, so the list is made once.
  private speakerList: string[] | undefined;

  async speakers(): Promise<string[]> {
    this.speakerList ??= [...new Set(this.passages.map(({ speaker }) => speaker))];
    return this.speakerList;
  }

  private languageList: string[] | undefined;

  async languages(): Promise<string[]> {
    this.languageList ??= [...new Set(this.passages.map(({ language }) => language ?? ENGLISH))];
    return this.languageList;
  }

  async termStats(terms: string[]): Promise<Map<string, TermStats>> {
    const { bm25 } = this.parts;
    return new Map(terms.map((term) => [term, { idf: bm25.idf(term), documentFrequency: bm25.documentFrequency(term) }]));
  }

  async vocabulary(): Promise<readonly string[]> {
    return this.parts.bm25.terms;
  }

  private accept(filter: PassageFilter): ((passage: Passage) => boolean) | undefined {
    return Object.values(filter).every((value) => value === undefined) ? undefined : (passage) => matchesFilter(passage, filter);
  }
}

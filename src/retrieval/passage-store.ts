// What hybrid retrieval needs from wherever the passages live: the in-process index, or Postgres with pgvector.
import { ENGLISH } from '../corpus/language.js';
import type { Passage } from '../corpus/types.js';
import type { AcronymMap } from './acronyms.js';
import type { Embedder } from './embedders/create-embedder.js';
import type { Reranker } from './reranker/reranker.js';

export interface PassageFilter {
  /** Only passages of documents of this year. */
  year?: number;
  /** Only passages of this corpus file (path as in Passage.file, or its base name). */
  file?: string;
  /** Only passages of these speakers (exactly as in Passage.speaker). */
  speakers?: string[];
  /** Only passages of documents in this language (ISO 639-3). */
  language?: string;
}

export interface ScoredPassage {
  passage: Passage;
  /** BM25 score for lexical results (higher is better); cosine similarity (-1…1) for dense results. */
  score: number;
}

export interface PassageStore {
  /** The embedder the stored vectors were made with: queries must use the same one. */
  readonly embedder: Embedder;
  /** The cross-encoder that gates relevance (RERANKER_MODEL, bundled by default), whichever embedder made the vectors. */
  readonly reranker?: Reranker;
  /** Acronyms the corpus defines, for query expansion. */
  readonly acronyms: AcronymMap;
  /** Best passages for weighted query terms (stemmed, as `tokenize` makes them), best first. */
  lexical(weights: Map<string, number>, limit: number, filter: PassageFilter): Promise<ScoredPassage[]>;
  /** Nearest passages to a query vector, most similar first. */
  nearest(vector: number[], limit: number, filter: PassageFilter): Promise<ScoredPassage[]>;
  /** Every speaker the passages are attributed to ("CMO at Pusher", "CMO #7", "blog post"). */
  speakers(): Promise<string[]>;
  /** The languages of the documents (ISO 639-3: "eng", "fra"…). */
  languages(): Promise<string[]>;
  /** How common each term is over the whole corpus, whatever the filter. */
  termStats(terms: string[]): Promise<Map<string, TermStats>>;
  /** Every term the passages use (stems, as `tokenize` makes them), for typo tolerance. */
  vocabulary(): Promise<readonly string[]>;
}

export interface TermStats {
  /** BM25 idf: a term the corpus never uses gets the highest. */
  idf: number;
  /** How many passages contain the term (0 when the corpus never uses it). */
  documentFrequency: number;
}

export function matchesFilter(passage: Passage, filter: PassageFilter): boolean {
  if (filter.year !== undefined && passage.year !== filter.year) return false;
  if (filter.file !== undefined && !matchesFile(passage.file, filter.file)) return false;
  if (filter.speakers !== undefined && !filter.speakers.includes(passage.speaker)) return false;
  if (filter.language !== undefined && (passage.language ?? ENGLISH) !== filter.language) return false;
  return true;
}

/** A file filter names a corpus file by its path (as in Passage.file) or its base name. */
export function matchesFile(passageFile: string, file: string): boolean {
  return passageFile === file || passageFile.endsWith(`/${file}`);
}

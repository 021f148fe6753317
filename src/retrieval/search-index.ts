// The loaded index: passages, BM25, the hnswlib vector store and the embedder that made its vectors.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../corpus/types.js';
import type { AcronymMap } from './acronyms.js';
import { Bm25Index } from './bm25-index.js';

export interface IndexManifest {
  version: 1;
  /** ISO time the index was built. */
  builtAt: string;
  corpusHash: string;
  embedder: { key: string; dimensions: number };
  passageCount: number;
  /** Wall-clock milliseconds spent embedding and indexing. */
  buildMs: { embedding: number; indexing: number };
}

export interface IndexParts {
  manifest: IndexManifest;
  passages: Passage[];
  bm25: Bm25Index;
  vectors: HNSWLib;
  embedder: EmbeddingsInterface;
  acronyms: AcronymMap;
}

// hnswlib's query-time beam width: 10 by default and not saved with the index. Larger is more exact, slower.
export const DEFAULT_EF_SEARCH = 128;

export interface DenseHit {
  index: number;
  /** Cosine similarity, -1…1. */
  similarity: number;
}

export class SearchIndex {
  constructor(readonly parts: IndexParts) {
    parts.vectors.index.setEf(DEFAULT_EF_SEARCH);
  }

  get passages(): Passage[] {
    return this.parts.passages;
  }

  get bm25(): Bm25Index {
    return this.parts.bm25;
  }

  get embedder(): EmbeddingsInterface {
    return this.parts.embedder;
  }

  get acronyms(): AcronymMap {
    return this.parts.acronyms;
  }

  setEf(ef: number): void {
    this.parts.vectors.index.setEf(ef);
  }

  /** Nearest passages to a query vector, most similar first. */
  async nearest(vector: number[], limit: number, accept?: (index: number) => boolean): Promise<DenseHit[]> {
    const count = this.parts.vectors.index.getCurrentCount();
    if (count === 0 || vector.every((value) => value === 0)) return [];
    const filter = accept ? (doc: Document) => accept(doc.metadata.index as number) : undefined;
    const results = await this.parts.vectors.similaritySearchVectorWithScore(vector, Math.min(limit, count), filter);
    // LangChain returns hnswlib's cosine distance (1 - similarity).
    return results.map(([doc, distance]) => ({ index: doc.metadata.index as number, similarity: 1 - distance }));
  }
}

/** Builds the vector store from passage vectors; all-zero vectors (no known term) are left out. */
export async function buildVectorStore(embedder: EmbeddingsInterface, vectors: number[][], dimensions: number): Promise<HNSWLib> {
  const store = new HNSWLib(embedder, { space: 'cosine', numDimensions: dimensions });
  const kept = vectors.map((vector, index) => ({ vector, index })).filter(({ vector }) => vector.some((value) => value !== 0));
  await store.addVectors(
    kept.map(({ vector }) => vector),
    kept.map(({ index }) => new Document({ pageContent: '', metadata: { index } })),
  );
  return store;
}

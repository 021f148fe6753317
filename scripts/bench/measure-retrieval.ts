// Shared by the hnswlib and pgvector scale runs: the same queries, latency and tie-aware recall against exact search.
import type { Passage } from '../../src/corpus/types.js';
import type { PassageStore } from '../../src/retrieval/passage-store.js';
import { retrieve } from '../../src/retrieval/retrieve.js';
import { tokenize } from '../../src/retrieval/tokenize.js';
import { percentile } from './percentiles.js';

/** Known-item queries: a few content words from passages spread evenly over the corpus. */
export function knownItemQueries(passages: Passage[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const passage = passages[Math.floor((i * passages.length) / count)]!;
    return passage.text.split(/\s+/).slice(3, 11).join(' ');
  }).filter((query) => tokenize(query).length > 0);
}

/** retrieve() latency percentiles in milliseconds. */
export async function retrievalLatency(store: PassageStore, queries: string[]): Promise<{ p50: number; p95: number; p99: number }> {
  const latencies: number[] = [];
  for (const question of queries) {
    const start = performance.now();
    await retrieve(store, { question });
    latencies.push(performance.now() - start);
  }
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** The k highest cosine similarities to the query over all (unit-length) vectors, by a full scan. */
export function exactTopSimilarities(vectors: number[][], query: number[], k: number): number[] {
  return vectors
    .map((vector) => vector.reduce((sum, value, d) => sum + value * query[d]!, 0))
    .sort((a, b) => b - a)
    .slice(0, k);
}

/**
 * Tie-aware recall@k of an approximate result: near-duplicate passages have equal vectors, so a result counts when
 * it is as close as the k-th exact one.
 */
export function recallAgainstExact(approximateSimilarities: number[], exactSimilarities: number[]): number {
  const kth = exactSimilarities.at(-1)! - 1e-6;
  return approximateSimilarities.filter((similarity) => similarity >= kth).length / exactSimilarities.length;
}

// One scale measurement in its own process (so peak RSS is this size's): build the index of a corpus folder, then
// time queries and compare hnswlib with exact search over the same vectors. Prints one JSON object.
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { buildIndex } from '../../src/retrieval/index-store.js';
import { retrieve } from '../../src/retrieval/retrieve.js';
import { DEFAULT_EF_SEARCH } from '../../src/retrieval/search-index.js';
import { tokenize } from '../../src/retrieval/tokenize.js';
import { percentile } from './percentiles.js';

const [corpusDir, indexDir, queryCountText] = process.argv.slice(2) as [string, string, string];
const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: 'local' });

const loadStart = performance.now();
const corpus = await loadCorpus(corpusDir);
const loadMs = performance.now() - loadStart;
const index = await buildIndex(config, corpus);
const { manifest } = index.parts;
const buildDir = `${indexDir}/${(await import('node:fs')).readFileSync(`${indexDir}/CURRENT`, 'utf8').trim()}`;
const diskBytes = Number(execFileSync('du', ['-sb', buildDir], { encoding: 'utf8' }).split('\t')[0]);

// Known-item queries: a few content words from passages spread over the corpus.
const queryCount = Number(queryCountText);
const queries = Array.from({ length: queryCount }, (_, i) => {
  const passage = corpus.passages[Math.floor((i * corpus.passages.length) / queryCount)]!;
  return passage.text.split(/\s+/).slice(3, 11).join(' ');
}).filter((query) => tokenize(query).length > 0);

const latencies: number[] = [];
for (const question of queries) {
  const start = performance.now();
  await retrieve(index, { question });
  latencies.push(performance.now() - start);
}

// hnswlib against exact cosine search over the very same vectors.
// hnsw labels are positions among the stored (non-zero) vectors, in passage order.
const stored = (await index.embedder.embedDocuments(corpus.passages.map((passage) => passage.text))).filter((vector) =>
  vector.some((value) => value !== 0),
);
const hnsw = index.parts.vectors.index;
let recallSum = 0;
let hnswMs = 0;
let exactMs = 0;
let measured = 0;
for (const question of queries) {
  const query = await index.embedder.embedQuery(question);
  if (query.every((value) => value === 0)) continue;
  let start = performance.now();
  const approximate = hnsw.searchKnn(query, 10);
  hnswMs += performance.now() - start;
  start = performance.now();
  const exact = exactTop(stored, query, 10);
  exactMs += performance.now() - start;
  // Tie-aware: near-duplicate passages have equal vectors, so a result counts when it is as close as the 10th exact one.
  const tenth = exact.at(-1)!.similarity - 1e-6;
  recallSum += approximate.distances.filter((distance) => 1 - distance >= tenth).length / exact.length;
  measured += 1;
}

function exactTop(vectors: number[][], query: number[], k: number): { label: number; similarity: number }[] {
  return vectors
    .map((vector, label) => ({ label, similarity: vector.reduce((sum, value, d) => sum + value * query[d]!, 0) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

process.stdout.write(
  `${JSON.stringify({
    passages: manifest.passageCount,
    dimensions: manifest.embedder.dimensions,
    corpusLoadMs: Math.round(loadMs),
    embeddingMs: manifest.buildMs.embedding,
    indexingMs: manifest.buildMs.indexing,
    diskBytes,
    queries: latencies.length,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    hnsw: { M: 16, efConstruction: 200, efSearch: DEFAULT_EF_SEARCH, recallAt10: recallSum / measured, speedup: exactMs / hnswMs },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);

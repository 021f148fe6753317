// One scale measurement in its own process (so peak RSS is this size's): build the index of a corpus folder, then
// time queries and compare hnswlib with exact search over the same vectors. Prints one JSON object.
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { buildIndex } from '../../src/retrieval/index-store.js';
import { DEFAULT_EF_SEARCH } from '../../src/retrieval/search-index.js';
import { exactTopSimilarities, knownItemQueries, recallAgainstExact, retrievalLatency } from './measure-retrieval.js';

const [corpusDir, indexDir, queryCountText] = process.argv.slice(2) as [string, string, string];
const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: 'local' });

const loadStart = performance.now();
const corpus = await loadCorpus(corpusDir);
const loadMs = performance.now() - loadStart;
const index = await buildIndex(config, corpus);
const { manifest } = index.parts;
const buildDir = `${indexDir}/${(await import('node:fs')).readFileSync(`${indexDir}/CURRENT`, 'utf8').trim()}`;
const diskBytes = Number(execFileSync('du', ['-sb', buildDir], { encoding: 'utf8' }).split('\t')[0]);

const queries = knownItemQueries(corpus.passages, Number(queryCountText));
const latencyMs = await retrievalLatency(index, queries);

// hnswlib against exact cosine search over the very same vectors (hnswlib holds only the non-zero ones).
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
  const exact = exactTopSimilarities(stored, query, 10);
  exactMs += performance.now() - start;
  recallSum += recallAgainstExact(approximate.distances.map((distance) => 1 - distance), exact);
  measured += 1;
}

process.stdout.write(
  `${JSON.stringify({
    passages: manifest.passageCount,
    dimensions: manifest.embedder.dimensions,
    corpusLoadMs: Math.round(loadMs),
    embeddingMs: manifest.buildMs.embedding,
    indexingMs: manifest.buildMs.indexing,
    diskBytes,
    queries: queries.length,
    latencyMs,
    hnsw: { M: 16, efConstruction: 200, efSearch: DEFAULT_EF_SEARCH, recallAt10: recallSum / measured, speedup: exactMs / hnswMs },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);

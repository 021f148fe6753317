// One scale measurement in its own process (so peak RSS is this size's): build the index of a corpus folder, then
// time queries and compare hnswlib with exact search over the same vectors. Prints one JSON object.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { createEmbedder } from '../../src/retrieval/embedders/create-embedder.js';
import { buildIndex, type ProgressListener } from '../../src/retrieval/hnswlib/index-files.js';
import { DEFAULT_EF_SEARCH } from '../../src/retrieval/hnswlib/search-index.js';
import { exactTopSimilarities, knownItemQueries, recallAgainstExact, retrievalLatency } from './measure-retrieval.js';

const [corpusDir, indexDir, queryCountText] = process.argv.slice(2) as [string, string, string];
// As `npm run ingest` builds: one model thread per core.
const EMBED_THREADS = availableParallelism();
const SINGLE_THREAD_SAMPLE = 500;
const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: 'local' });

const loadStart = performance.now();
const corpus = await loadCorpus(corpusDir);
const loadMs = performance.now() - loadStart;
const modelStart = performance.now();
await createEmbedder(config).embedQuery('warm up');
const modelLoadMs = performance.now() - modelStart;
// One model thread (the bot's own rebuilds), on a sample, for the ratio.
const sample = corpus.passages.slice(0, SINGLE_THREAD_SAMPLE).map(({ text }) => text);
const singleStart = performance.now();
await createEmbedder(config, 1).embedDocuments(sample);
const singleThreadRate = sample.length / ((performance.now() - singleStart) / 1000);
const index = await buildIndex(config, corpus, { onProgress: progressOnStderr(corpus.passages.length), embedThreads: EMBED_THREADS });
const { manifest } = index.parts;
const buildDir = `${indexDir}/${readFileSync(`${indexDir}/CURRENT`, 'utf8').trim()}`;
const diskBytes = Number(execFileSync('du', ['-sb', buildDir], { encoding: 'utf8' }).split('\t')[0]);

// Re-ingest after one changed file: a paragraph added to one document; the vector cache has every other passage.
// The file is then put back and the index rebuilt as it was (not timed), for what is measured next.
const changed = corpus.documents[0]!.file;
const original = readFileSync(changed, 'utf8');
appendFileSync(changed, '\nA paragraph added to measure how long a re-ingest of one changed file takes.\n');
const reingestStart = performance.now();
const reingested = await buildIndex(config, await loadCorpus(corpusDir), { embedThreads: EMBED_THREADS });
const reingest = { ms: Math.round(performance.now() - reingestStart), embedded: reingested.parts.manifest.embedded };
writeFileSync(changed, original);
await buildIndex(config, await loadCorpus(corpusDir), { embedThreads: EMBED_THREADS });

const queries = knownItemQueries(corpus.passages, Number(queryCountText));
const latencyMs = await retrievalLatency(index, queries);

// hnswlib against exact cosine search over the very same (unit-length) vectors, read back from hnswlib.
const hnsw = index.parts.vectors.index;
const stored = Array.from({ length: hnsw.getCurrentCount() }, (_, label) => hnsw.getPoint(label));
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
  recallSum += recallAgainstExact(
    approximate.distances.map((distance) => 1 - distance),
    exact,
  );
  measured += 1;
}

process.stdout.write(
  `${JSON.stringify({
    passages: manifest.passageCount,
    dimensions: manifest.embedder.dimensions,
    corpusLoadMs: Math.round(loadMs),
    modelLoadMs: Math.round(modelLoadMs),
    embeddingMs: manifest.buildMs.embedding,
    embedThreads: EMBED_THREADS,
    singleThreadRate: Math.round(singleThreadRate),
    reingest,
    indexingMs: manifest.buildMs.indexing,
    diskBytes,
    queries: queries.length,
    latencyMs,
    hnsw: { M: 16, efConstruction: 200, efSearch: DEFAULT_EF_SEARCH, recallAt10: recallSum / measured, speedup: exactMs / hnswMs },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);

/** "embedding 12800/100000 passages, 21 /s, ETA 68 min" on stderr at most every 10 s, for long builds. */
function progressOnStderr(total: number): ProgressListener {
  const start = performance.now();
  let last = 0;
  return (stage, done) => {
    const now = performance.now();
    if (stage !== 'embedding' || done === 0 || now - last < 10_000) return;
    last = now;
    const rate = done / ((now - start) / 1000);
    process.stderr.write(`  embedding ${done}/${total} passages, ${rate.toFixed(0)} /s, ETA ${((total - done) / rate / 60).toFixed(0)} min\n`);
  };
}

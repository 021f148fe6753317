// One relevance system in its own process (so model load and peak RSS are this system's): quality on each question
// set, then question latency on a second index whose threads have not seen the questions. Prints one JSON object.
// argv: a JSON { embedder: model folder, reranker?: model folder, judge: Judge, sets: [file…], indexDir }.
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig } from '../../src/config.js';
import { loadCases } from '../../src/eval/load-cases.js';
import { runEval } from '../../src/eval/run-eval.js';
import { createEmbedder } from '../../src/retrieval/embedders/create-embedder.js';
import { openIndex } from '../../src/retrieval/hnswlib/open-index.js';
import { createReranker } from '../../src/retrieval/reranker/reranker.js';
import { retrieve, type Judge } from '../../src/retrieval/retrieve.js';
import { openTrendMap } from '../../src/trends/open-trend-map.js';
import { percentile } from './percentiles.js';

const { embedder, reranker, judge, sets, indexDir } = JSON.parse(process.argv[2]!) as {
  embedder: string;
  reranker?: string;
  judge: Judge;
  sets: string[];
  indexDir: string;
};
const config = loadConfig({
  CORPUS_DIR: 'corpus',
  INDEX_DIR: indexDir,
  EMBEDDINGS: 'local',
  LOCAL_EMBEDDING_MODEL: embedder,
  RERANKER_MODEL: reranker ?? 'none',
});

// Model load: a fresh thread's first text (the reranker's thread is then the one the index uses).
const loadStart = performance.now();
await Promise.all([createEmbedder(config).embedQuery('warm up'), createReranker(config)?.score('warm up', ['warm up'])]);
const modelLoadMs = performance.now() - loadStart;
const index = await openIndex(config);
const map = await openTrendMap(config, { store: index, sourcePassages: () => index.passages, passageCount: () => index.passages.length });
const quality = [];
const questions: string[] = [];
for (const file of sets) {
  const cases = await loadCases(file);
  questions.push(...cases.map(({ question }) => question));
  const { summary } = await runEval(cases, async (testCase) => {
    const answer = await answerQuestion(index, { question: testCase.question, history: testCase.context }, { judge, trends: async () => map });
    return answer.quotes;
  });
  quality.push({ set: file, summary });
}

// Retrieval as a question runs it (embed, both searches, the judge), on a fresh copy: the first index's embedding
// thread caches the vectors of questions it has seen.
const uncached = await openIndex(config);
await uncached.embedder.embedQuery('warm up');
const latencies: number[] = [];
for (const question of questions) {
  const start = performance.now();
  await retrieve(uncached, { question }, { judge });
  latencies.push(performance.now() - start);
}
process.stdout.write(
  `${JSON.stringify({
    quality,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    modelLoadMs,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
process.exit(0);

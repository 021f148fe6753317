// `npm run bench [-- --json] [--sizes 1000,10000,100000]`: quality, scale and the Slack path, measured in one run.
import { Command } from 'commander';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadCases } from '../src/eval/load-cases.js';
import { openIndex } from '../src/retrieval/hnswlib/open-index.js';
import { retrievalLatency } from './bench/measure-retrieval.js';
import { measureQuality, type QualityRow } from './bench/quality.js';
import { formatRelevance, measureRelevance, RELEVANCE_SETS, type RelevanceRow } from './bench/relevance.js';
import { writeScaleCorpus } from './bench/scale-corpus.js';
import { measureSlackPath } from './bench/slack-load.js';
import { MODEL_PACE, measureStreaming } from './bench/streaming.js';

const run = promisify(execFile);

const program = new Command('bench')
  .option('--json', 'print one JSON object')
  .option('--sizes <list>', 'passage counts for the scale runs', '1000,10000,100000')
  .option('--queries <n>', 'queries per scale run', '300')
  .option('--slack-rounds <n>', 'bursts of mentions and of /trend measured on the Slack path', '5')
  .option('--slack-concurrency <n>', 'requests sent at once in a burst', '50')
  .option('--slack-runs <n>', 'runs of the answering app and of the floor, interleaved; the table shows their medians', '3')
  .option('--questions <file>', 'question set for quality and bundled-corpus latency', 'test/fixtures/blind.jsonl')
  .option('--relevance-sets <files>', 'question sets for the relevance decisions side by side, separated by commas', RELEVANCE_SETS.join(','))
  .option(
    '--pgvector',
    'also ingest the largest size into a real Postgres + pgvector server on loopback and measure it there (scripts/postgres/install.sh first)',
  )
  .parse();
const flags = program.opts<{
  json?: boolean;
  questions: string;
  relevanceSets: string;
  sizes: string;
  queries: string;
  slackRounds: string;
  slackConcurrency: string;
  slackRuns: string;
  pgvector?: boolean;
}>();
const sizes = flags.sizes.split(',').map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 10)) {
  process.stderr.write('error: --sizes takes whole numbers of at least 10, separated by commas.\n');
  process.exit(2);
}

const machine = { nproc: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const work = await mkdtemp(path.join(os.tmpdir(), 'trendbot-bench-'));
try {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`quality on ${flags.questions}…`);
  const config = loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: path.join(work, 'dev-index'), EMBEDDINGS: 'local' });
  const devIndex = await openIndex(config);
  const quality = await measureQuality(devIndex, 'corpus', flags.questions);
  const relevance = await measureRelevance(work, flags.relevanceSets.split(','), log);
  // Question latency on the bundled corpus, for the questions people ask (embed + search + checks).
  const questions = (await loadCases(flags.questions)).map((testCase) => testCase.question);
  // Measured on a second copy of the index, whose embedding thread has not seen these questions: the thread caches
  // recent question vectors, and the quality runs above asked them all already. The model is loaded first.
  const uncached = await openIndex(config);
  await uncached.embedder.embedQuery('warm-up');
  const bundled = await retrievalLatency(uncached, questions);
  log('streaming: time to the first verified sentence…');
  const streaming = await measureStreaming(devIndex, questions);
  const nodeModulesMiB = Math.round(Number((await run('du', ['-sb', 'node_modules'])).stdout.split('\t')[0]) / 2 ** 20);
  log(`slack path: ${flags.slackRounds} bursts of ${flags.slackConcurrency} concurrent mentions and /trend…`);
  const slack = await measureSlackPath(devIndex, Number(flags.slackConcurrency), Number(flags.slackRounds), Number(flags.slackRuns));

  const scale = [];
  let pgvector: Record<string, any> | undefined;
  for (const size of sizes) {
    log(`scale: ${size} passages…`);
    const corpusDir = path.join(work, `corpus-${size}`);
    const indexDir = path.join(work, `index-${size}`);
    await writeScaleCorpus(corpusDir, size);
    const tsx = ['--import', 'tsx'];
    const building = run(process.execPath, [...tsx, 'scripts/bench/scale-worker.ts', corpusDir, indexDir, flags.queries], { maxBuffer: 1 << 24 });
    // The worker's progress (and ETA) on long builds, and its error if it fails, show as they happen.
    building.child.stderr?.pipe(process.stderr);
    const worker = await building;
    const measured = JSON.parse(worker.stdout);
    const coldStart = performance.now();
    await run(process.execPath, [...tsx, 'src/cli/ask.ts', '--json', 'economy and taxes'], {
      // The offline path, whatever the developer's .env says: a key or VECTOR_STORE would change what is measured.
      env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: 'local', ANSWER_MODE: 'extractive', VECTOR_STORE: 'hnswlib' },
      maxBuffer: 1 << 24,
    });
    scale.push({ size, ...measured, coldStartMs: Math.round(performance.now() - coldStart) });
    if (flags.pgvector && size === Math.max(...sizes)) {
      log(`pgvector: ${size} passages into Postgres…`);
      pgvector = JSON.parse((await run(process.execPath, [...tsx, 'scripts/bench/pgvector.ts', corpusDir, flags.queries], { maxBuffer: 1 << 24 })).stdout);
    }
    await rm(corpusDir, { recursive: true, force: true });
    await rm(indexDir, { recursive: true, force: true });
  }

  const command = `npm run bench -- --questions ${flags.questions} --sizes ${flags.sizes}${flags.pgvector ? ' --pgvector' : ''}`;
  const result = { command, machine, nodeModulesMiB, quality, relevance, bundled, streaming, scale, slack, ...(pgvector ? { pgvector } : {}) };
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : formatTables(result));
} finally {
  await rm(work, { recursive: true, force: true });
}

interface Result {
  command: string;
  machine: typeof machine;
  nodeModulesMiB: number;
  quality: QualityRow[];
  relevance: RelevanceRow[];
  bundled: { p50: number; p95: number; p99: number };
  streaming: Awaited<ReturnType<typeof measureStreaming>>;
  scale: Record<string, any>[];
  slack: Awaited<ReturnType<typeof measureSlackPath>>;
  pgvector?: Record<string, any>;
}

function formatTables(result: Result): string {
  const f = (value: number | undefined, digits = 2) => (value === undefined ? '—' : value.toFixed(digits));
  const lines = [
    `${result.command} — ${result.machine.nproc} cores, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}, node_modules ${result.nodeModulesMiB} MiB`,
    '',
  ];
  lines.push('| system | kind | recall@5 | MRR | negative accuracy | verbatim |', '|---|---|---|---|---|---|');
  for (const row of result.quality)
    lines.push(`| ${row.system} | ${row.kind} | ${f(row.recallAtK)} | ${f(row.mrr)} | ${f(row.negativeAccuracy)} | ${f(row.verbatim * 100, 0)} % |`);
  lines.push('', ...formatRelevance(result.relevance));
  lines.push('', `Question latency on the bundled corpus: p50 ${f(result.bundled.p50)} ms, p95 ${f(result.bundled.p95)} ms, p99 ${f(result.bundled.p99)} ms.`);
  const st = result.streaming;
  lines.push(
    '',
    `Streaming with a chat model (a local stand-in streaming ${MODEL_PACE.chunkChars} characters every ${MODEL_PACE.chunkDelayMs} ms; ${st.questions} answers, ${st.fallbacks} fell back): ` +
      `first verified sentence p50 ${f(st.firstSentenceMs.p50, 0)} ms, p95 ${f(st.firstSentenceMs.p95, 0)} ms; whole answer p50 ${f(st.wholeAnswerMs.p50, 0)} ms, p95 ${f(st.wholeAnswerMs.p95, 0)} ms ` +
      `(first sentence at ${f((100 * st.firstSentenceMs.p50) / st.wholeAnswerMs.p50, 0)} % of the wait, p50).`,
  );
  lines.push(
    '',
    '| passages | embed | passages/s (one model thread per core) | passages/s (one thread) | index (hnsw+bm25) | re-ingest, one file changed | disk | model load | cold start | p50 | p95 | p99 | peak RSS | hnsw recall@10 vs exact | hnsw speedup |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of result.scale) {
    lines.push(
      `| ${row.passages} | ${(row.embeddingMs / 1000).toFixed(1)} s | ${Math.round(row.passages / (row.embeddingMs / 1000))} (${row.embedThreads} threads) | ${row.singleThreadRate} | ${(row.indexingMs / 1000).toFixed(1)} s | ` +
        `${(row.reingest.ms / 1000).toFixed(1)} s (${row.reingest.embedded} embedded) | ` +
        `${(row.diskBytes / 2 ** 20).toFixed(1)} MiB | ${(row.modelLoadMs / 1000).toFixed(2)} s | ${(row.coldStartMs / 1000).toFixed(2)} s | ${f(row.latencyMs.p50)} ms | ${f(row.latencyMs.p95)} ms | ${f(row.latencyMs.p99)} ms | ` +
        `${row.peakRssMb} MiB | ${f(row.hnsw.recallAt10, 3)} | ${f(row.hnsw.speedup, 1)}× |`,
    );
  }
  const slack = result.slack;
  const runs = slack.answering.length;
  lines.push(
    '',
    `Slack path: ${slack.answering[0]!.rounds} bursts of ${slack.answering[0]!.concurrency} signed requests sent at once by a load generator in its own process (after one warm-up burst), ` +
      `${runs} runs of each app interleaved after an untimed pair; medians of the runs:`,
    '',
    '| app | requests per run | ack p50 | ack p99 | answer p50 | answer p99 | errors | lost |',
    '|---|---|---|---|---|---|---|---|',
  );
  const ms = (value: number | undefined, digits: number) => (value === undefined ? '—' : `${value.toFixed(digits)} ms`);
  const median = (values: (number | undefined)[]) => {
    const known = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
    return known.length === 0 ? undefined : known[Math.floor((known.length - 1) / 2)];
  };
  const kinds = [
    ['@mentions', 'mentions'],
    ['/trend', 'commands'],
  ] as const;
  for (const [app, results] of [
    ['answering', slack.answering],
    ['listeners that never answer', slack.acksOnly],
  ] as const) {
    for (const [kind, key] of kinds) {
      const rows = results.map((run) => run[key]);
      const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
      lines.push(
        `| ${app}: ${kind} | ${rows[0]!.requests} | ${ms(median(rows.map((row) => row.ackMs.p50)), 1)} | ${ms(median(rows.map((row) => row.ackMs.p99)), 1)} | ` +
          `${ms(median(rows.map((row) => row.answerMs?.p50)), 0)} | ${ms(median(rows.map((row) => row.answerMs?.p99)), 0)} | ${sum((row) => row.errors)} | ${results === slack.answering ? sum((row) => row.lost) : '—'} |`,
      );
    }
  }
  for (const [kind, key] of kinds) {
    const p99 = (results: typeof slack.answering) => results.map((run) => run[key].ackMs.p99);
    const ratio = median(p99(slack.answering))! / median(p99(slack.acksOnly))!;
    const perRun = p99(slack.answering).map((answering, i) => `${answering.toFixed(1)} / ${p99(slack.acksOnly)[i]!.toFixed(1)}`);
    lines.push('', `Ack p99 of ${kind}, answering ÷ floor: ${ratio.toFixed(2)}× (medians); per run, answering / floor: ${perRun.join(', ')} ms.`);
  }
  lines.push('', `Duplicate answers: ${slack.answering.reduce((total, run) => total + run.duplicates, 0)}.`);
  const pg = result.pgvector;
  const local = result.scale.at(-1);
  if (pg && local) {
    lines.push(
      '',
      `| store, ${pg.passages} passages | ingest | re-ingest unchanged | p50 | p95 | p99 | HNSW recall@10 vs exact |`,
      '|---|---|---|---|---|---|---|',
    );
    lines.push(
      `| hnswlib, in-process | ${((local.embeddingMs + local.indexingMs) / 1000).toFixed(1)} s | full rebuild | ${f(local.latencyMs.p50)} ms | ${f(local.latencyMs.p95)} ms | ${f(local.latencyMs.p99)} ms | ${f(local.hnsw.recallAt10, 3)} |`,
    );
    lines.push(
      `| pgvector, ${pg.server} | ${(pg.ingestMs / 1000).toFixed(1)} s | ${(pg.reingestMs / 1000).toFixed(1)} s, ${pg.reingestRowsWritten} rows written | ` +
        `${f(pg.latencyMs.p50)} ms | ${f(pg.latencyMs.p95)} ms | ${f(pg.latencyMs.p99)} ms | ${f(pg.hnsw.recallAt10, 3)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

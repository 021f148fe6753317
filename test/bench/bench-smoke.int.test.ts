// Keeps the benchmark from rotting: it runs end to end at a tiny size and reports every figure.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable } from '../../scripts/postgres/server.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

describe('npm run bench', () => {
  it(`measures quality, scale${postgresAvailable ? ' and pgvector' : ''} at a tiny size`, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench.ts',
        '--json',
        '--questions',
        'test/fixtures/dev.jsonl',
        '--relevance-sets',
        'test/fixtures/dev.jsonl',
        '--sizes',
        '60',
        '--queries',
        '10',
        '--slack-rounds',
        '1',
        '--slack-concurrency',
        '5',
        '--slack-runs',
        '1',
        ...(postgresAvailable ? ['--pgvector'] : []),
      ],
      {
        env: { ...process.env, LOG_LEVEL: 'silent' },
        maxBuffer: 1 << 24,
        timeout: 290_000,
      },
    );
    const result = JSON.parse(stdout);
    expect(result.machine.nproc).toBeGreaterThan(0);
    expect(result.nodeModulesMiB).toBeGreaterThan(0);
    expect(result.bundled.p95).toBeGreaterThanOrEqual(result.bundled.p50);
    const systems = new Set(result.quality.map((row: { system: string }) => row.system));
    expect(systems).toEqual(new Set(['bm25', 'dense', 'hybrid', 'langchain tutorial']));
    expect(result.relevance.map((row: { system: string }) => row.system.split(':')[0])).toEqual([
      'floor alone',
      'fine-tuned bi-encoder',
      'reranker alone',
      'shipped',
      'the gate over all-MiniLM-L6-v2 (shipped before)',
    ]);
    for (const row of result.relevance) {
      expect(row.quality[0].summary.at(-1)).toMatchObject({ kind: 'overall', questions: 25, verbatim: 1 });
      expect(row.latencyMs.p95).toBeGreaterThanOrEqual(row.latencyMs.p50);
      expect(row.peakRssMiB).toBeGreaterThan(0);
    }
    expect(result.streaming).toMatchObject({ fallbacks: 0 });
    expect(result.streaming.questions).toBeGreaterThan(0);
    expect(result.streaming.wholeAnswerMs.p50).toBeGreaterThan(result.streaming.firstSentenceMs.p50);
    const [scale] = result.scale;
    expect(scale.passages).toBeGreaterThanOrEqual(60);
    for (const key of ['embeddingMs', 'indexingMs', 'diskBytes', 'modelLoadMs', 'coldStartMs', 'peakRssMb']) expect(scale[key]).toBeGreaterThan(0);
    expect(scale.latencyMs.p99).toBeGreaterThanOrEqual(scale.latencyMs.p50);
    expect(scale.hnsw.recallAt10).toBeGreaterThan(0);
    if (postgresAvailable) {
      expect(result.pgvector).toMatchObject({ passages: scale.passages, reingestRowsWritten: 0 });
      expect(result.pgvector.ingestMs).toBeGreaterThan(0);
      expect(result.pgvector.latencyMs.p99).toBeGreaterThanOrEqual(result.pgvector.latencyMs.p50);
      expect(result.pgvector.hnsw.recallAt10).toBeGreaterThan(0);
    }
    const [answering] = result.slack.answering;
    const [acksOnly] = result.slack.acksOnly;
    expect(answering).toMatchObject({ duplicates: 0, mentions: { requests: 5, errors: 0, lost: 0 }, commands: { requests: 5, errors: 0, lost: 0 } });
    expect(answering.mentions.answerMs.p99).toBeGreaterThanOrEqual(answering.mentions.answerMs.p50);
    expect(acksOnly).toMatchObject({ mentions: { requests: 5, errors: 0 }, commands: { requests: 5, errors: 0 } });
  }, 300_000);
});

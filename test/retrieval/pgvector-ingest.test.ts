// Ingest into Postgres + pgvector (a real PostgreSQL 18 server): idempotent, incremental per file, exact BM25
// statistics, re-embedding on request that readers pick up, and fix-it errors for a wrong embedder or vector dimensions.
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig, type Config } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { Bm25Index } from '../../src/retrieval/bm25-index.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { PgPassageStore } from '../../src/retrieval/pgvector/pg-passage-store.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

const SOCIAL = '2014-social-media-and-big-data.md';
const CMOS = '2017-digital-marketing-trends-21-cmos.md';

let server: PostgresServer;
let sql: pg.Client;
let dir: string;
let config: Readonly<Config>;
let env: Record<string, string>;

beforeAll(async () => {
  if (!postgresAvailable) return;
  server = await startPostgres();
  sql = new pg.Client({ connectionString: server.url });
  await sql.connect();
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-pg-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
  env = { CORPUS_DIR: path.join(dir, 'corpus'), VECTOR_STORE: 'pgvector', DATABASE_URL: server.url, LOG_LEVEL: 'silent' };
  config = loadConfig(env);
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const cli = (script: string, args: string[] = []) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

/** Every row of every table with the transaction that wrote it: equal snapshots mean nothing was written. */
async function snapshot(): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ key: string; xmin: string }>(`
    SELECT 'passage ' || id AS key, xmin::text FROM trendbot_passages UNION ALL SELECT 'file ' || file, xmin::text FROM trendbot_files
    UNION ALL SELECT 'term ' || term, xmin::text FROM trendbot_term_df UNION ALL SELECT 'meta ' || key, xmin::text FROM trendbot_meta`);
  return new Map(rows.map((row) => [row.key, row.xmin]));
}

/** The stored BM25 statistics equal those of an in-memory index built from scratch on the current corpus. */
async function expectStatisticsOfCorpus(): Promise<void> {
  const corpus = await loadCorpus(config.corpusDir);
  const bm25 = Bm25Index.build(corpus.passages.map((passage) => passage.text));
  const { rows } = await sql.query<{ term: string; df: number }>('SELECT term, df FROM trendbot_term_df');
  const data = bm25.toJSON();
  expect(Object.fromEntries(rows.map((row) => [row.term, row.df]))).toEqual(
    Object.fromEntries(Object.keys(data.postings).map((term) => [term, bm25.documentFrequency(term)])),
  );
  const stats = (await sql.query(`SELECT value FROM trendbot_meta WHERE key = 'stats'`)).rows[0].value;
  expect(stats).toEqual({ count: data.count, totalLength: data.lengths.reduce((sum, length) => sum + length, 0) });
  const ids = (await sql.query<{ id: string }>('SELECT id FROM trendbot_passages')).rows.map((row) => row.id);
  expect(ids.sort()).toEqual(corpus.passages.map((passage) => passage.id).sort());
}

const rowsOf = (rows: Map<string, string>, file: string) => new Map([...rows].filter(([key]) => key.startsWith('passage ') && key.includes(`/${file}#`)));
const withoutFile = (rows: Map<string, string>, file: string) => new Map([...rows].filter(([key]) => key.startsWith('passage ') && !key.includes(`/${file}#`)));

describe.skipIf(!postgresAvailable)('npm run ingest with VECTOR_STORE=pgvector', () => {
  it('tells to ingest first, creates the schema on ingest, then writes nothing for an unchanged corpus', async () => {
    await expect(cli('ask', ['live video'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^error: No passages in Postgres at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres \(no trendbot tables\): run npm run ingest with VECTOR_STORE=pgvector first\.\n$/,
      ),
    });

    const passages = (await loadCorpus(config.corpusDir)).passages.length;
    const first = await cli('ingest');
    expect(first.stdout).toMatch(
      new RegExp(
        `^Ingested 3 files \\(3 new or changed, 0 removed\\) into postgres://postgres@127\\.0\\.0\\.1:\\d+/postgres with local:trendbot-embedder:q8:\\d+ \\(384 dimensions\\): ${passages} passages, ${passages} inserted, 0 deleted, \\d+ rows written in \\d+ ms\\. Re-embedded every passage \\(first ingest\\)\\.\n\nFiles:\n(  .+ +indexed  \\d+ passages, \\d+ speakers? named\n){3}Trend map: \\d+ of 20 trends spoken to by the 23 contributors \\(npm run trends\\)\\.\n$`,
      ),
    );
    const { rows } = await sql.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'trendbot_passages_embedding'`);
    expect(rows[0].indexdef).toContain("USING hnsw (embedding vector_cosine_ops) WITH (m='16', ef_construction='200')");
    await expectStatisticsOfCorpus();

    const before = await snapshot();
    const again = await cli('ingest');
    expect(again.stdout).toContain('(0 new or changed, 0 removed)');
    expect(again.stdout).toContain(`${passages} passages, 0 inserted, 0 deleted, 0 rows written`);
    expect(await snapshot()).toEqual(before);

    const asked = JSON.parse((await cli('ask', ['--json', '--k', '2', 'What will happen with live video?'])).stdout);
    expect(asked.quotes.map((quote: { text: string }) => quote.text).join(' ')).toContain('2017 will bring a rise in live video');
  });

  it('replaces only the passages of a changed file, keeping the BM25 statistics exact', async () => {
    const before = await snapshot();
    const passages = (await loadCorpus(config.corpusDir)).passages.length;
    await appendFile(path.join(config.corpusDir, CMOS), '\nPodcasts about gardening will triple in 2017.\n');
    const appended = await ingestToPostgres(config);
    expect(appended).toMatchObject({ files: { changed: 1, removed: 0 }, passages: { total: passages + 1, inserted: 1, deleted: 0, reembedded: 0 } });
    expect(appended.embedder.reembedReason).toBeUndefined();
    const afterAppend = await snapshot();
    // Every passage already stored is untouched: only the new one, its file row, new terms and totals are written.
    for (const [key, xmin] of before) if (key.startsWith('passage ')) expect(afterAppend.get(key), key).toBe(xmin);
    await expectStatisticsOfCorpus();

    // An edit early in a file moves the offsets of its later passages: those are replaced, other files' are not.
    const file = path.join(config.corpusDir, SOCIAL);
    await writeFile(file, (await readFile(file, 'utf8')).replace('Figures don’t lie', 'Numbers never lie'));
    const edited = await ingestToPostgres(config);
    expect(edited.files).toMatchObject({ changed: 1, removed: 0 });
    expect(edited.passages.inserted).toBe(edited.passages.deleted);
    expect(edited.passages.inserted).toBeGreaterThan(0);
    const afterEdit = await snapshot();
    expect(withoutFile(afterEdit, SOCIAL)).toEqual(withoutFile(afterAppend, SOCIAL));
    expect(rowsOf(afterEdit, SOCIAL)).not.toEqual(rowsOf(afterAppend, SOCIAL));
    await expectStatisticsOfCorpus();

    const store = await PgPassageStore.open(config);
    try {
      const quotes = (await answerQuestion(store, { question: 'gardening podcasts' })).quotes.map((quote) => quote.text);
      expect(quotes).toContain('Podcasts about gardening will triple in 2017.');
      expect((await answerQuestion(store, { question: 'Numbers never lie: how many active users has Facebook?' })).quotes[0]?.text).toContain(
        'Numbers never lie',
      );
    } finally {
      await store.close();
    }
  });

  it('removes the passages of a removed file', async () => {
    const before = await snapshot();
    await rm(path.join(config.corpusDir, SOCIAL));
    const report = await ingestToPostgres(config);
    expect(report).toMatchObject({ files: { total: 2, changed: 0, removed: 1 }, passages: { inserted: 0, deleted: rowsOf(before, SOCIAL).size } });
    const after = await snapshot();
    expect(rowsOf(after, SOCIAL).size).toBe(0);
    expect([...after.keys()].some((key) => key.includes(SOCIAL))).toBe(false);
    expect(withoutFile(after, SOCIAL)).toEqual(withoutFile(before, SOCIAL));
    await expectStatisticsOfCorpus();
  });

  it('re-embeds every passage on request, and a reader opened before answers as a fresh one', async () => {
    const reader = await PgPassageStore.open(config);
    try {
      const question = { question: 'What will happen with live video?' };
      await answerQuestion(reader, question);
      const reembedded = await ingestToPostgres(config, { reembed: true });
      expect(reembedded.embedder).toEqual({ key: expect.stringMatching(/^local:trendbot-embedder:q8:\d+$/), dimensions: 384, reembedReason: 'requested' });
      expect(reembedded.passages).toMatchObject({ inserted: 0, deleted: 0, reembedded: reembedded.passages.total });
      const fresh = await PgPassageStore.open(config);
      try {
        expect(await reader.embedder.embedQuery(question.question)).toEqual(await fresh.embedder.embedQuery(question.question));
        expect((await answerQuestion(reader, question)).quotes).toEqual((await answerQuestion(fresh, question)).quotes);
      } finally {
        await fresh.close();
      }
    } finally {
      await reader.close();
    }
  });

  it('refuses a different embedder or vector dimensions with a one-line fix', async () => {
    const openai = loadConfig({ ...env, EMBEDDINGS: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    await expect(PgPassageStore.open(openai)).rejects.toMatchObject({
      code: 'embedder_mismatch',
      message: expect.stringMatching(
        /were embedded with local:trendbot-embedder:q8:\d+, but this configuration embeds with openai:text-embedding-3-small@http:\/\/127\.0\.0\.1:9\/v1: run npm run ingest to re-embed them/,
      ),
    });

    const dimensions = (await sql.query(`SELECT value->'dimensions' AS d FROM trendbot_meta WHERE key = 'embedder'`)).rows[0].d as number;
    await sql.query('ALTER TABLE trendbot_passages DROP COLUMN embedding');
    await sql.query('ALTER TABLE trendbot_passages ADD COLUMN embedding vector(3)');
    const key = (await sql.query(`SELECT value->>'key' AS k FROM trendbot_meta WHERE key = 'embedder'`)).rows[0].k as string;
    const mismatch = {
      code: 'dimension_mismatch',
      message: `The passages table stores 3-dimensional vectors but the embedder (${key}) makes ${dimensions}-dimensional ones: run npm run ingest -- --reembed to re-embed every passage, or configure the embedder the table was made with.`,
    };
    await expect(PgPassageStore.open(config)).rejects.toMatchObject(mismatch);
    await expect(ingestToPostgres(config)).rejects.toMatchObject(mismatch);
    await expect(cli('ask', ['live video'])).rejects.toMatchObject({ stderr: `error: ${mismatch.message}\n` });

    expect((await ingestToPostgres(config, { reembed: true })).embedder.dimensions).toBe(dimensions);
    const store = await PgPassageStore.open(config);
    try {
      expect((await answerQuestion(store, { question: 'What will happen with live video?' })).quotes.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

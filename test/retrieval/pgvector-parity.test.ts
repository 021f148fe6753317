// The same answers through Postgres + pgvector as through the in-process index: per dev question and per ranking.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig } from '../../src/config.js';
import { loadCases } from '../../src/eval/load-cases.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { PgPassageStore } from '../../src/retrieval/pgvector/pg-passage-store.js';
import type { PassageStore } from '../../src/retrieval/passage-store.js';
import { retrieve, type Retriever } from '../../src/retrieval/retrieve.js';
import { tokenize } from '../../src/retrieval/tokenize.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';
import { tempIndex, type TempIndex } from '../helpers/temp-index.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

let server: PostgresServer;
let local: TempIndex;
let postgres: PgPassageStore;

beforeAll(async () => {
  if (!postgresAvailable) return;
  [server, local] = await Promise.all([startPostgres(), tempIndex()]);
  const config = loadConfig({ CORPUS_DIR: 'corpus', VECTOR_STORE: 'pgvector', DATABASE_URL: server.url, LOG_LEVEL: 'silent' });
  await ingestToPostgres(config);
  postgres = await PgPassageStore.open(config);
});
afterAll(async () => {
  await postgres?.close();
  await server?.stop();
  await local?.cleanup();
});

const quoteIds = async (store: PassageStore, question: string, history: string[] | undefined, retriever: Retriever) =>
  (await answerQuestion(store, { question, history }, { retriever })).quotes.map((quote) => `${quote.file}:${quote.start}-${quote.end}`);

describe.skipIf(!postgresAvailable)('pgvector against hnswlib on the same corpus', () => {
  it('gives the same quotes, in the same order, for every dev question and each ranking', async () => {
    const cases = await loadCases('test/fixtures/dev.jsonl');
    for (const retriever of ['hybrid', 'bm25', 'dense'] as const) {
      for (const { id, question, context } of cases) {
        expect(await quoteIds(postgres, question, context, retriever), `${retriever} ${id}`).toEqual(await quoteIds(local.index, question, context, retriever));
      }
    }
  });

  it('scores BM25 and cosine like the in-process index, and has the same term statistics and acronyms', async () => {
    expect(postgres.acronyms).toEqual(local.index.acronyms);
    expect(postgres.passageCount).toBe(local.index.passages.length);
    const terms = tokenize('live video personalization artificial intelligence zeppelin');
    expect(await postgres.termStats(terms)).toEqual(await local.index.termStats(terms));

    const weights = new Map(terms.map((term, i) => [term, 1 / (i + 1)]));
    const lexical = (store: PassageStore) => store.lexical(weights, 50, {});
    const [pgLexical, localLexical] = [await lexical(postgres), await lexical(local.index)];
    expect(pgLexical.map((hit) => hit.passage)).toEqual(localLexical.map((hit) => hit.passage));
    pgLexical.forEach((hit, i) => expect(hit.score).toBeCloseTo(localLexical[i]!.score, 12));

    const vector = await local.index.embedder.embedQuery('live video on social networks');
    expect(await postgres.embedder.embedQuery('live video on social networks')).toEqual(vector);
    const [pgDense, localDense] = [await postgres.nearest(vector, 20, {}), await local.index.nearest(vector, 20, {})];
    expect(pgDense.map((hit) => hit.passage.id)).toEqual(localDense.map((hit) => hit.passage.id));
    pgDense.forEach((hit, i) => expect(hit.score).toBeCloseTo(localDense[i]!.score, 5));
  });

  it('filters by year and by file in SQL as in memory', async () => {
    for (const options of [
      { year: 2014 },
      { file: '2014-social-media-and-big-data.md' },
      { file: 'corpus/2014-whats-next-for-social-marketing.md' },
      { year: 2017, file: '2014-social-media-and-big-data.md' },
    ]) {
      const ids = async (store: PassageStore) =>
        (await retrieve(store, { question: 'social media marketing' }, { ...options, k: 10 })).map((hit) => hit.passage.id);
      expect(await ids(postgres), JSON.stringify(options)).toEqual(await ids(local.index));
    }
  });

  it('stores the sources /trend sources lists', async () => {
    const sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM trendbot_files').finally(() => sql.end());
    expect(rows[0].n).toBe(3);
    const key = (p: { file: string; speaker: string }) => `${p.file}\0${p.speaker}`;
    expect(new Set(postgres.sources.map(key))).toEqual(new Set(local.index.passages.map(key)));
  });
});

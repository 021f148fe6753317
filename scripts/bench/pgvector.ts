// One pgvector measurement in its own process: ingest a corpus folder into a real PostgreSQL 18 + pgvector server on
// loopback (scripts/postgres/server.ts), time retrieval, and compare pgvector's HNSW with exact search over the same
// vectors. Prints one JSON object.
import pg from 'pg';
import { startPostgres } from '../postgres/server.js';
import { loadConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { PgPassageStore } from '../../src/retrieval/pgvector/pg-passage-store.js';
import { exactTopSimilarities, knownItemQueries, recallAgainstExact, retrievalLatency } from './measure-retrieval.js';

const [corpusDir, queryCountText] = process.argv.slice(2) as [string, string];

const server = await startPostgres();
try {
  const { url } = server;
  const config = loadConfig({ CORPUS_DIR: corpusDir, VECTOR_STORE: 'pgvector', DATABASE_URL: url, EMBEDDINGS: 'local', LOG_LEVEL: 'silent' });

  const ingestStart = performance.now();
  const report = await ingestToPostgres(config);
  const ingestMs = performance.now() - ingestStart;
  const reingestStart = performance.now();
  const reingest = await ingestToPostgres(config);
  const reingestMs = performance.now() - reingestStart;

  const store = await PgPassageStore.open(config);
  const corpus = await loadCorpus(corpusDir);
  const queries = knownItemQueries(corpus.passages, Number(queryCountText));
  const latencyMs = await retrievalLatency(store, queries);

  // pgvector's HNSW against exact cosine search over the very same vectors, read back from Postgres.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ embedding: string }>('SELECT embedding::text AS embedding FROM trendbot_passages');
  await client.end();
  const stored = rows.map((row) => normalize(JSON.parse(row.embedding) as number[]));
  let recallSum = 0;
  let measured = 0;
  for (const question of queries) {
    const query = await store.embedder.embedQuery(question);
    if (query.every((value) => value === 0)) continue;
    const approximate = await store.nearest(query, 10, {});
    recallSum += recallAgainstExact(
      approximate.map((hit) => hit.score),
      exactTopSimilarities(stored, query, 10),
    );
    measured += 1;
  }
  await store.close();

  process.stdout.write(
    `${JSON.stringify({
      passages: report.passages.total,
      dimensions: report.embedder.dimensions,
      ingestMs: Math.round(ingestMs),
      reingestMs: Math.round(reingestMs),
      reingestRowsWritten: reingest.rowsWritten,
      queries: queries.length,
      latencyMs,
      hnsw: { M: 16, efConstruction: 200, efSearch: 128, recallAt10: recallSum / measured },
      server: await serverVersion(url),
    })}\n`,
  );
} finally {
  await server.stop();
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ postgres: string; pgvector: string }>(
    "SELECT current_setting('server_version') AS postgres, extversion AS pgvector FROM pg_extension WHERE extname = 'vector'",
  );
  await client.end();
  return `PostgreSQL ${rows[0]!.postgres} + pgvector ${rows[0]!.pgvector} on loopback`;
}

function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

// The connection pool of the Postgres passage store, with pgvector's query-time settings on every connection.
import pg from 'pg';
import { DEFAULT_EF_SEARCH } from '../hnswlib/search-index.js';

// Enough for the three queries of one retrieval at a time, plus a few concurrent questions.
const MAX_CONNECTIONS = 8;

export function createPool(databaseUrl: string): pg.Pool {
  // allowExitOnIdle: a CLI ends when its work is done, without waiting for idle connections to time out.
  // pg-pool awaits an onConnect that returns a promise (its @types say void).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const pool = new pg.Pool({ connectionString: databaseUrl, max: MAX_CONNECTIONS, allowExitOnIdle: true, onConnect: configure });
  // An idle connection that the server drops is replaced on the next query; nothing to do here but not crash.
  pool.on('error', () => {});
  return pool;
}

// The same query beam as the in-process hnswlib index. Filtered searches keep scanning until they have enough rows
// (pgvector ≥ 0.8; an older one refuses the setting, which only matters with --year/--file on large corpora).
async function configure(client: pg.ClientBase): Promise<void> {
  await client.query(`SET hnsw.ef_search = ${DEFAULT_EF_SEARCH}`);
  await client.query('SET hnsw.iterative_scan = strict_order').catch(() => {});
}

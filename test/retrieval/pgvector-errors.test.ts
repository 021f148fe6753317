// The pgvector path's setup mistakes end in one line that says what to do: no extension on the server, no server,
// no DATABASE_URL, nothing ingested yet.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

let server: PostgresServer;
beforeAll(async () => {
  if (!postgresAvailable) return;
  // A Postgres without pgvector installed.
  server = await startPostgres({ pgvector: false });
});
afterAll(() => server?.stop());

const cli = (script: string, args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    env: { ...process.env, CORPUS_DIR: 'corpus', LOG_LEVEL: 'silent', VECTOR_STORE: 'pgvector', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!postgresAvailable)('VECTOR_STORE=pgvector setup errors', () => {
  it('says how to get pgvector when the server lacks it, and writes nothing', async () => {
    await expect(cli('ingest', [], { DATABASE_URL: server.url })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^error: The Postgres server has no pgvector extension \(.*vector.*\): install pgvector \(https:\/\/github\.com\/pgvector\/pgvector#installation\) or use a managed Postgres that offers it\.\n$/,
      ),
    });
    const sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'trendbot_%'`);
    await sql.end();
    expect(rows[0]!.n).toBe(0);
    await expect(cli('ask', ['live video'], { DATABASE_URL: server.url })).rejects.toMatchObject({
      stderr: expect.stringMatching(/^error: No passages in Postgres at .*: run npm run ingest with VECTOR_STORE=pgvector first\.\n$/),
    });
  });

  it('names the unreachable database without its password, and a missing DATABASE_URL', async () => {
    const url = `postgres://trendbot:secret@127.0.0.1:${await closedPort()}/trends`;
    const failure = await cli('ask', ['live video'], { DATABASE_URL: url }).catch((error: { stderr: string }) => error);
    expect(failure.stderr).toMatch(
      /^error: Cannot connect to Postgres at postgres:\/\/trendbot:\*\*\*@127\.0\.0\.1:\d+\/trends \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): check DATABASE_URL and that the server is running\.\n$/,
    );
    expect(failure.stderr).not.toContain('secret');
    const config = loadConfig({ CORPUS_DIR: 'corpus', VECTOR_STORE: 'pgvector', DATABASE_URL: url });
    await expect(ingestToPostgres(config)).rejects.toMatchObject({
      code: 'database_unreachable',
      message: expect.stringContaining('Cannot connect to Postgres at postgres://trendbot:***@127.0.0.1:'),
    });
    expect(() => loadConfig({ VECTOR_STORE: 'pgvector', DATABASE_URL: ' ' })).toThrow(
      'VECTOR_STORE=pgvector needs DATABASE_URL (postgres://user:password@host:5432/db). Unset VECTOR_STORE to keep the in-process index.',
    );
  });
});

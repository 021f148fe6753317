// Votes in Postgres (DATABASE_URL) through the ordinary pg client, against a real PostgreSQL server.
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../src/feedback/feedback-store.js';
import { PgFeedbackStore } from '../../src/feedback/pg-feedback-store.js';
import { StateStartupError } from '../../src/state-error.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

const run = promisify(execFile);
let server: PostgresServer;
// Two stores, as two replicas have.
let a: PgFeedbackStore;
let b: PgFeedbackStore;

beforeAll(async () => {
  if (!postgresAvailable) return;
  server = await startPostgres({ pgvector: false });
  a = await PgFeedbackStore.connect(server.url);
  b = await PgFeedbackStore.connect(server.url);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

const vote = (user: string, answerId: string, v: 'up' | 'down', time: string, question?: string): FeedbackEntry => ({
  time,
  user,
  vote: v,
  answerId,
  ...(question ? { question, standaloneQuestion: question } : {}),
  quotes: [{ text: 'Live “video” & more.', file: 'corpus/a.md', start: 1, end: 21 }],
});

describe.skipIf(!postgresAvailable)('feedback in Postgres', () => {
  it('keeps every vote from both replicas and reads back the latest per user and answer', async () => {
    await a.record(vote('U1', 'ans-a', 'down', '2026-01-01T10:00:00.000Z', 'what about bots?'));
    await b.record(vote('U2', 'ans-a', 'down', '2026-01-01T10:01:00.000Z', 'what about bots?'));
    await a.record(vote('U1', 'ans-b', 'down', '2026-01-01T10:02:00.000Z', 'video?'));
    await b.record(vote('U1', 'ans-b', 'up', '2026-01-01T10:03:00.000Z', 'video?'));
    await b.record(vote('U3', 'ans-c', 'down', '2026-01-01T10:04:00.000Z'));
    expect(await a.list()).toEqual([
      vote('U1', 'ans-a', 'down', '2026-01-01T10:00:00.000Z', 'what about bots?'),
      vote('U2', 'ans-a', 'down', '2026-01-01T10:01:00.000Z', 'what about bots?'),
      vote('U1', 'ans-b', 'up', '2026-01-01T10:03:00.000Z', 'video?'),
      vote('U3', 'ans-c', 'down', '2026-01-01T10:04:00.000Z'),
    ]);
    const sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
    const { rows } = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM trendbot_feedback');
    await sql.end();
    expect(rows[0]!.count).toBe(5);
  });

  it('is what npm run feedback reads when DATABASE_URL is set', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/feedback.ts', '--json'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: server.url, FEEDBACK_FILE: '/nonexistent/feedback.jsonl' },
    });
    const summary = JSON.parse(stdout) as { file: string; votes: number; up: number; down: number; answers: number; downVoted: { answerId: string }[] };
    expect(summary).toMatchObject({ file: 'Postgres (trendbot_feedback)', votes: 4, up: 1, down: 3, answers: 3 });
    expect(summary.downVoted.map((answer) => answer.answerId)).toEqual(['ans-a', 'ans-c']);
  });

  it('fails at startup in one line naming DATABASE_URL, password hidden, when Postgres is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const error = await PgFeedbackStore.connect(`postgres://bot:s3cret@127.0.0.1:${port}/db`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateStartupError);
    expect((error as Error).message).toMatch(
      /^Cannot store feedback in Postgres at DATABASE_URL \(postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/db\): .*ECONNREFUSED.*unset it to keep votes in FEEDBACK_FILE\.$/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });
});

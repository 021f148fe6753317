// Two real `npm start` processes sharing Redis (state) and Postgres + pgvector (passages, votes), the test acting as the
// load balancer: a retry that lands on the other process is dropped, a follow-up there is answered in context.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';
import { REDIS_SKIP_MESSAGE, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { FakeSlack } from './fake-slack.js';
import { shownLocations, shownQuotes } from './harness.js';
import { sendEvent, SIGNING_SECRET } from './signed-request.js';

if (!redisServerAvailable) console.warn(REDIS_SKIP_MESSAGE);
if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

interface Process {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

describe.skipIf(!redisServerAvailable || !postgresAvailable)('two npm start processes on one Redis and one Postgres', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let fake: FakeSlack;
  let dir: string;
  const processes: Process[] = [];

  async function startBot(name: string): Promise<Process> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-good-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        INDEX_DIR: path.join(dir, `index-${name}`),
        FEEDBACK_FILE: path.join(dir, 'feedback.jsonl'),
        REDIS_URL: redis.url,
        VECTOR_STORE: 'pgvector',
        DATABASE_URL: postgres.url,
        EMBEDDINGS: 'local',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const bot = { child, url: '', stdout: () => stdout };
    processes.push(bot);
    const line = await fake.waitFor(() => stdout.split('\n').find((l) => l.includes('trendbot is running')), `replica ${name} to start`, 60_000);
    const started = JSON.parse(line) as { port: number; state: string; store: string };
    expect(started).toMatchObject({ state: 'redis', store: 'pgvector' });
    bot.url = `http://127.0.0.1:${started.port}/slack/events`;
    return bot;
  }

  beforeAll(async () => {
    [redis, postgres, fake] = await Promise.all([startRedisServer(), startPostgres(), FakeSlack.start()]);
    dir = await mkdtemp(path.join(tmpdir(), 'trendbot-processes-'));
    // `npm run ingest` fills Postgres once; the replicas only read.
    await ingestToPostgres(
      loadConfig({ CORPUS_DIR: 'corpus', VECTOR_STORE: 'pgvector', DATABASE_URL: postgres.url, EMBEDDINGS: 'local', LOG_LEVEL: 'silent' }),
    );
  });
  afterAll(async () => {
    await Promise.all(
      processes.map(({ child }) =>
        child.exitCode === null ? new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) : Promise.resolve(),
      ),
    );
    await fake?.close();
    await redis?.stop();
    await postgres?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers once across processes and follows up in context on the other one', async () => {
    const [a, b] = await Promise.all([startBot('a'), startBot('b')]);
    const ts = '1700000500.000001';
    const event = { type: 'app_mention', user: 'U1', text: '<@U_BOT> What is next for content marketing?', ts, channel: 'C7', event_ts: ts };
    await Promise.all([sendEvent(a.url, event, 'EvP1'), sendEvent(b.url, event, 'EvP1', { retryNum: 1 })]);
    const inThread = () => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === ts);
    const [answer] = await fake.waitFor(() => inThread().length === 1 && inThread(), 'the answer');
    const quotes = shownQuotes(answer!.body.blocks);
    expect(quotes.length).toBeGreaterThan(0);
    for (const [i, { file, start, end }] of shownLocations(answer!.body.blocks).entries()) expect(readFileSync(file, 'utf8').slice(start, end)).toBe(quotes[i]);
    await fake.waitFor(() => [a, b].some((bot) => bot.stdout().includes('already answered')), 'the retry to be dropped');

    const followUp = {
      type: 'app_mention',
      user: 'U1',
      text: '<@U_BOT> what about B2B?',
      ts: '1700000500.000002',
      channel: 'C7',
      event_ts: '1700000500.000002',
      thread_ts: ts,
    };
    const other = a.stdout().includes('"msg":"answered"') ? b : a;
    await sendEvent(other.url, followUp, 'EvP2');
    await fake.waitFor(() => inThread().length === 2, 'the follow-up');
    const log = other
      .stdout()
      .split('\n')
      .find((line) => line.includes('"msg":"answered"') && line.includes('"followUp":true'));
    expect(log).toBeDefined();
    expect(JSON.parse(log!).standalone).toContain('following up on');
  });
});

// Two bot replicas answering from one real Postgres + pgvector database at once, and through a restart of that server:
// the question asked while it is down gets the apology, the next one an answer, with no restart of the bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { ingestToPostgres } from '../../src/retrieval/pgvector/ingest.js';
import { createSlackDeps, type SlackDeps } from '../../src/slack/deps.js';
import { openTrendbot } from '../../src/trendbot.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';
import { FakeSlack } from './fake-slack.js';
import { answerTo, expectShowsAnswer } from './harness.js';
import { startBotOn } from './local-slack.js';
import { sendEvent } from './signed-request.js';

if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

interface Replica {
  url: string;
  logs: string[];
  deps: SlackDeps;
  close: () => Promise<void>;
}

describe.skipIf(!postgresAvailable)('two replicas on one Postgres + pgvector server', () => {
  let postgres: PostgresServer;
  let fake: FakeSlack;
  let a: Replica;
  let b: Replica;
  let seq = 0;

  async function startReplica(url: string): Promise<Replica> {
    const logs: string[] = [];
    const config = loadConfig({ CORPUS_DIR: 'corpus', VECTOR_STORE: 'pgvector', DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const core = await openTrendbot(config);
    const deps = await createSlackDeps(config, async () => core, { logger: createLogger('debug', { write: (line: string) => void logs.push(line) }) });
    const { running, url: eventsUrl } = await startBotOn(fake, deps);
    return {
      url: eventsUrl,
      logs,
      deps,
      close: async () => {
        await running.stop();
        await deps.close();
        await core.close();
      },
    };
  }

  beforeAll(async () => {
    [postgres, fake] = await Promise.all([startPostgres(), FakeSlack.start()]);
    await ingestToPostgres(loadConfig({ CORPUS_DIR: 'corpus', VECTOR_STORE: 'pgvector', DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' }));
    [a, b] = await Promise.all([startReplica(postgres.url), startReplica(postgres.url)]);
  });
  afterAll(async () => {
    for (const replica of [a, b]) await replica?.close().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    await postgres?.stop();
  });

  function mention(text: string) {
    const ts = `1700000500.${String(++seq).padStart(6, '0')}`;
    return { type: 'app_mention', user: `U${seq}`, text: `<@U_BOT> ${text}`, ts, channel: 'C7', event_ts: ts };
  }
  const postsIn = (thread: string) => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === thread);
  const expected = (replica: Replica, question: string) => answerTo(replica.deps, { question });

  it('answers on both replicas at once, each from the database', async () => {
    const questions = ['Will live video matter?', 'how do we personalise our marketing?', 'anything on chatbots?', 'is influencer marketing still worth it'];
    const events = questions.map(mention);
    await Promise.all(events.map((event, i) => sendEvent(i % 2 ? b.url : a.url, event, `EvPg${i}`)));
    for (const [i, event] of events.entries()) {
      const [post] = await fake.waitFor(() => postsIn(event.ts).length > 0 && postsIn(event.ts), `answer ${i}`);
      const answer = await expected(i % 2 ? b : a, questions[i]!);
      expect(answer.quotes.length).toBeGreaterThan(0);
      expectShowsAnswer(post!.body.blocks, answer);
    }
  });

  it('apologises while the server restarts, then answers again without a restart of its own', async () => {
    const during = mention('what is next for video?');
    await postgres.restart(async () => {
      await sendEvent(a.url, during, 'EvPgDown');
      const [post] = await fake.waitFor(() => postsIn(during.ts).length > 0 && postsIn(during.ts), 'the apology');
      const reference = /reference `([^`]+)`/.exec(String(post!.body.text))?.[1];
      expect(post!.body.text).toMatch(/^Sorry, something went wrong while answering\./);
      expect(a.logs.some((line) => line.includes('failed to answer') && line.includes(`"ref":"${reference}"`))).toBe(true);
    });
    for (const [replica, id] of [
      [a, 'EvPgUp1'],
      [b, 'EvPgUp2'],
    ] as const) {
      const after = mention('what is next for video?');
      await sendEvent(replica.url, after, id);
      const [post] = await fake.waitFor(() => postsIn(after.ts).length > 0 && postsIn(after.ts), 'the answer after the restart');
      expectShowsAnswer(post!.body.blocks, await expected(replica, 'what is next for video?'));
    }
  });
});

// Two bot replicas (two Bolt apps in this process, each with its own HTTP receiver, Redis connection and Postgres pool)
// sharing one Redis, one Postgres (feedback) and one fake Slack: retries, follow-ups, rate limits, feedback and a replica
// dying mid-answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig } from '../../src/config.js';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { createSlackDeps, type SlackDeps } from '../../src/slack/deps.js';
import { createLogger } from '../../src/logger.js';
import { PgFeedbackStore } from '../../src/feedback/pg-feedback-store.js';
import { connectRedis } from '../../src/slack/state/redis-client.js';
import { POSTGRES_SKIP_MESSAGE, postgresAvailable, startPostgres, type PostgresServer } from '../../scripts/postgres/server.js';
import { REDIS_SKIP_MESSAGE, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { tempIndex, testCore, type TempIndex } from '../helpers/temp-index.js';
import { waitUntil } from '../helpers/wait-until.js';
import { FakeSlack } from './fake-slack.js';
import { actionsOf, expectShowsAnswer } from './harness.js';
import { blockActions, BOT_TOKEN, sendAction, sendEvent, SIGNING_SECRET } from './signed-request.js';

if (!redisServerAvailable) console.warn(REDIS_SKIP_MESSAGE);
if (!postgresAvailable) console.warn(POSTGRES_SKIP_MESSAGE);

// Claims held while answering last this long here (2 minutes in production), so the crash test is quick.
const ANSWERING_TTL_MS = 1500;
const RATE_LIMIT = 3;

interface Replica {
  name: string;
  url: string;
  logs: string[];
  deps: { close: () => Promise<void> };
  running: RunningSlackApp;
}

describe.skipIf(!redisServerAvailable || !postgresAvailable)('two replicas on one Redis', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let fake: FakeSlack;
  let index: TempIndex;
  let dataDir: string;
  let feedbackFile: string;
  let a: Replica;
  let b: Replica;
  // Questions marked (slow) wait on A forever: A "dies" mid-answer.
  const startedSlow: string[] = [];
  let seq = 0;
  const nextTs = () => `1700000400.${String(++seq).padStart(6, '0')}`;

  async function startReplica(name: string, wrapAsk?: (ask: SlackDeps['ask']) => SlackDeps['ask']): Promise<Replica> {
    const logs: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
    const config = loadConfig({
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      FEEDBACK_FILE: feedbackFile,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      LOG_LEVEL: 'silent',
    });
    const deps = await createSlackDeps(config, async () => testCore(index), {
      logger,
      wrapAsk,
      claimTtl: { answeringMs: ANSWERING_TTL_MS, answeredMs: 60_000 },
    });
    const running = await startSlackApp({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
      deps,
      apiRetries: 0,
      listen: { port: 0, host: '127.0.0.1' },
    });
    return { name, url: `http://127.0.0.1:${running.port}/slack/events`, logs, deps, running };
  }

  beforeAll(async () => {
    [redis, postgres, fake, index] = await Promise.all([startRedisServer(), startPostgres({ pgvector: false }), FakeSlack.start(), tempIndex()]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'trendbot-replicas-'));
    feedbackFile = path.join(dataDir, 'feedback.jsonl');
    const slowOnA =
      (ask: SlackDeps['ask']): SlackDeps['ask'] =>
      async (input, progress) => {
        if (!input.question.includes('(slow)')) return ask(input, progress);
        startedSlow.push(input.question);
        return new Promise(() => undefined);
      };
    [a, b] = await Promise.all([startReplica('A', slowOnA), startReplica('B')]);
  });
  afterAll(async () => {
    // Every step runs even when an earlier one fails, so no redis-server outlives the test.
    for (const replica of [a, b]) {
      await replica?.running.stop().catch(() => undefined);
      await replica?.deps.close().catch(() => undefined);
    }
    await fake?.close().catch(() => undefined);
    await redis?.stop();
    await postgres?.stop();
    await index?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function mention(text: string, user: string, extra: Record<string, unknown> = {}) {
    const ts = nextTs();
    return { type: 'app_mention', user, text: `<@U_BOT> ${text}`, ts, channel: 'C5', event_ts: ts, ...extra };
  }
  const postsIn = (thread: string) => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === thread);
  const ignored = (replica: Replica, eventId: string) =>
    replica.logs.filter((line) => line.includes('already answered') && line.includes(`"eventId":"${eventId}"`));

  it('answers an event sent to A and its retry sent to B exactly once', async () => {
    const event = mention('Will live video matter?', 'U1');
    const responses = await Promise.all([sendEvent(a.url, event, 'EvR1'), sendEvent(b.url, event, 'EvR1', { retryNum: 1 })]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await fake.waitFor(() => postsIn(event.ts).length > 0, 'the answer');
    await sendEvent(b.url, event, 'EvR1', { retryNum: 2 });
    // Both retries were dropped when they came: nothing else can post.
    await fake.waitFor(() => ignored(a, 'EvR1').length + ignored(b, 'EvR1').length === 2, 'both retries ignored');
    expect(postsIn(event.ts)).toHaveLength(1);
  });

  it('answers a follow-up on B in a thread started on A, in context', async () => {
    const first = mention('What is next for content marketing?', 'U2');
    await sendEvent(a.url, first, 'EvR2');
    await fake.waitFor(() => postsIn(first.ts).length === 1, 'the first answer');
    await sendEvent(b.url, mention('what about B2B?', 'U2', { thread_ts: first.ts }), 'EvR3');
    const followUp = await fake.waitFor(() => postsIn(first.ts)[1], 'the follow-up answer');
    const expected = await answerQuestion(index.index, { question: 'what about B2B?', history: ['What is next for content marketing?'] });
    expect(expected.standaloneQuestion).toContain('following up on');
    expectShowsAnswer(followUp.body.blocks, expected);
  });

  it('counts one user’s questions on both replicas against one limit', async () => {
    const events = Array.from({ length: RATE_LIMIT + 1 }, (_, i) => mention(`What about video, take ${i}?`, 'U3'));
    for (const [i, event] of events.entries()) {
      await sendEvent(i % 2 ? b.url : a.url, event, `EvR4-${i}`);
      await fake.waitFor(() => postsIn(event.ts).length === 1, `answer ${i}`);
    }
    const texts = events.map((event) => String(postsIn(event.ts)[0]!.body.text));
    expect(texts.slice(0, RATE_LIMIT).every((text) => !text.includes('that is my limit'))).toBe(true);
    expect(texts[RATE_LIMIT]).toMatch(/^You have asked 3 questions in the last minute — that is my limit\./);
  });

  it('stores feedback clicked on A and on B, for an answer either replica gave', async () => {
    const event = mention('How will big data change marketing?', 'U4');
    await sendEvent(b.url, event, 'EvR5');
    const [answer] = await fake.waitFor(() => postsIn(event.ts).length === 1 && postsIn(event.ts), 'the answer');
    const button = actionsOf(answer!.body.blocks).find((element) => element.type === 'feedback_buttons');
    const answerId = String((button as unknown as { positive_button: { value: string } }).positive_button.value).split(':')[0]!;
    const click = (user: string, vote: 'up' | 'down', id: string) =>
      blockActions(
        { action_id: 'answer_feedback', type: 'feedback_buttons', value: `${answerId}:${vote}` },
        { channel: 'C5', user, ts: String(answer!.reply?.ts), threadTs: event.ts, responseUrl: fake.responseUrl(id) },
      );
    await sendAction(a.url, click('U5', 'up', 'fb-a'));
    await sendAction(b.url, click('U6', 'down', 'fb-b'));
    await fake.waitFor(
      () => fake.callsTo('chat.postEphemeral').filter((call) => String(call.body.text).startsWith('Thanks for the')).length === 2,
      'both acknowledgements',
    );
    const reader = await PgFeedbackStore.connect(postgres.url);
    const entries = (await reader.list().finally(() => reader.close())).filter((entry) => entry.answerId === answerId);
    expect(entries.map(({ user, vote }) => ({ user, vote })).sort((x, y) => x.user.localeCompare(y.user))).toEqual([
      { user: 'U5', vote: 'up' },
      { user: 'U6', vote: 'down' },
    ]);
    // A recorded the question of an answer B gave: the answer store is shared.
    expect(entries.every((entry) => entry.question === 'How will big data change marketing?' && entry.quotes.length > 0)).toBe(true);
  });

  it('lets B answer the retry once the claim of A, which died mid-answer, has expired', async () => {
    const event = mention('(slow) what is next for video?', 'U7');
    await sendEvent(a.url, event, 'EvR6');
    await fake.waitFor(() => startedSlow.length > 0, 'A to start answering');
    // A dies: its HTTP receiver and its Redis connection go away, its answer never comes.
    await a.running.stop();
    await a.deps.close();
    await sendEvent(b.url, event, 'EvR6', { retryNum: 1 });
    await fake.waitFor(() => ignored(b, 'EvR6').length === 1, 'B to drop the retry while A’s claim lasts');
    expect(postsIn(event.ts)).toHaveLength(0);
    // A's claims run out on their own (ANSWERING_TTL_MS): watched in Redis, not slept through.
    const observer = await connectRedis(redis.url);
    try {
      await waitUntil(async () => (await observer.exists('trendbot:claim:event:EvR6', `trendbot:claim:message:C5:${event.ts}`)) === 0, 'A’s claims to expire');
    } finally {
      await observer.quit();
    }
    await sendEvent(b.url, event, 'EvR6', { retryNum: 2 });
    const [post] = await fake.waitFor(() => postsIn(event.ts).length > 0 && postsIn(event.ts), 'B’s answer');
    expectShowsAnswer(post!.body.blocks, await answerQuestion(index.index, { question: '(slow) what is next for video?' }));
    expect(postsIn(event.ts)).toHaveLength(1);
  });
});

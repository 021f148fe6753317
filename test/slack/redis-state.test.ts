// The Redis state against a real redis-server on loopback: atomic claims, expiry, shared rate limits, bounded turns.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createState, type SlackState } from '../../src/slack/state/create-state.js';
import { RedisAnswerStore } from '../../src/slack/state/redis-answer-store.js';
import { connectRedis } from '../../src/slack/state/redis-client.js';
import { StateStartupError } from '../../src/state-error.js';
import { RedisConversationStore } from '../../src/slack/state/redis-conversation-store.js';
import { RedisEventDedupe } from '../../src/slack/state/redis-event-dedupe.js';
import { RedisRateLimiter } from '../../src/slack/state/redis-rate-limiter.js';
import { REDIS_SKIP_MESSAGE, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { waitUntil } from '../helpers/wait-until.js';

if (!redisServerAvailable) console.warn(REDIS_SKIP_MESSAGE);

describe.skipIf(!redisServerAvailable)('Redis state', () => {
  let server: RedisServer;
  // Two connections, as two replicas have.
  let a: Redis;
  let b: Redis;
  let test = 0;
  const prefix = () => `t${++test}:`;

  beforeAll(async () => {
    server = await startRedisServer();
    [a, b] = await Promise.all([connectRedis(server.url), connectRedis(server.url)]);
  });
  afterAll(async () => {
    await Promise.allSettled([a?.quit(), b?.quit()]);
    await server?.stop();
  });

  it('lets exactly one of many concurrent claims across two connections win', async () => {
    const p = prefix();
    const [onA, onB] = [new RedisEventDedupe(a, p), new RedisEventDedupe(b, p)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).claim('event:Ev1', 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await onB.claim('event:Ev2', 10_000)).toBe(true);
  });

  it('lets a claim whose holder never finished expire, and keeps an answered one for the long TTL', async () => {
    const p = prefix();
    const [onA, onB] = [new RedisEventDedupe(a, p), new RedisEventDedupe(b, p)];
    expect(await onA.claim('event:crashed', 60_000)).toBe(true);
    expect(await a.pttl(`${p}claim:event:crashed`)).toBeGreaterThan(50_000);
    expect(await onB.claim('event:crashed', 60_000)).toBe(false);
    // The holder dies: Redis expires its claim when the TTL runs out (brought forward here, not waited for).
    await a.pexpire(`${p}claim:event:crashed`, 1);
    await waitUntil(async () => (await a.exists(`${p}claim:event:crashed`)) === 0, 'the claim to expire');
    expect(await onB.claim('event:crashed', 60_000)).toBe(true);

    expect(await onA.claim('event:answered', 10_000)).toBe(true);
    await onA.keep('event:answered', 60_000);
    expect(await onB.claim('event:answered', 10_000)).toBe(false);
    expect(await a.pttl(`${p}claim:event:answered`)).toBeGreaterThan(50_000);
  });

  it('counts one user’s questions across replicas in a sliding minute and says when the next is allowed', async () => {
    const p = prefix();
    const [onA, onB] = [new RedisRateLimiter(a, p, 3), new RedisRateLimiter(b, p, 3)];
    expect(await onA.take('U1')).toEqual({ allowed: true });
    expect(await onB.take('U1')).toEqual({ allowed: true });
    expect(await onA.take('U1')).toEqual({ allowed: true });
    const refused = await onB.take('U1');
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(!refused.allowed && refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await onB.take('U2')).toEqual({ allowed: true });
    // A refused question is not counted: the window holds exactly the three admitted.
    expect(await a.zcard(`${p}rate:U1`)).toBe(3);
    expect(await a.pttl(`${p}rate:U1`)).toBeGreaterThan(55_000);
  });

  it('admits exactly the limit when many questions race on both replicas', async () => {
    const p = prefix();
    const [onA, onB] = [new RedisRateLimiter(a, p, 5), new RedisRateLimiter(b, p, 5)];
    const decisions = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? onA : onB).take('U9')));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it('shares conversation turns, bounded in length and age', async () => {
    const p = prefix();
    let now = 1_000_000;
    const limits = { maxTurns: 3, maxAgeMs: 60_000 };
    const [onA, onB] = [new RedisConversationStore(a, p, limits, () => now), new RedisConversationStore(b, p, limits, () => now)];
    const key = { channel: 'C1', thread: '1700000000.000100' };
    for (const question of ['one', 'two', 'three', 'four']) {
      await (question.length === 3 ? onA : onB).addQuestion(key, question);
      now += 1000;
    }
    expect(await onB.questions(key)).toEqual(['two', 'three', 'four']);
    expect(await onA.questions({ channel: 'C1' })).toEqual([]);
    expect(await a.pttl(`${p}conversation:C1:1700000000.000100`)).toBeGreaterThan(55_000);
    now += 58_500;
    expect(await onA.questions(key)).toEqual(['four']);
  });

  it('shares an assistant thread’s context (the channel the user views), kept for 30 days', async () => {
    const p = prefix();
    const limits = { maxTurns: 3, maxAgeMs: 60_000 };
    const [onA, onB] = [new RedisConversationStore(a, p, limits), new RedisConversationStore(b, p, limits)];
    const key = { channel: 'D1', thread: '1700000000.000200' };
    expect(await onB.threadContext(key)).toBeUndefined();
    await onA.saveThreadContext(key, { channel_id: 'C9', team_id: 'T1' });
    expect(await onB.threadContext(key)).toEqual({ channel_id: 'C9', team_id: 'T1' });
    expect(await a.pttl(`${p}thread-context:D1:1700000000.000200`)).toBeGreaterThan(29 * 24 * 3600 * 1000);
  });

  it('keeps answers for the buttons, with a TTL', async () => {
    const p = prefix();
    const [onA, onB] = [new RedisAnswerStore(a, p), new RedisAnswerStore(b, p, 1000)];
    const entry = { id: 'ans-1', shownUntil: 1, answer: { question: 'q', standaloneQuestion: 'q', mode: 'extractive' as const, answer: 'lead', quotes: [] } };
    await onA.save(entry);
    expect(await onB.get('ans-1')).toEqual(entry);
    expect(await onB.get('ans-unknown')).toBeUndefined();
    expect(await a.pttl(`${p}answer:ans-1`)).toBeGreaterThan(6 * 24 * 3600 * 1000);
    await onB.save({ ...entry, id: 'ans-2' });
    expect(await a.pttl(`${p}answer:ans-2`)).toBeLessThanOrEqual(1000);
  });

  it('chooses Redis when REDIS_URL is set, in-process state otherwise', async () => {
    const shared: SlackState = await createState(loadConfig({ REDIS_URL: server.url, FEEDBACK_FILE: '/tmp/unused.jsonl' }));
    const local = await createState(loadConfig({ FEEDBACK_FILE: '/tmp/unused.jsonl' }));
    try {
      expect(shared.kind).toBe('redis');
      expect(shared.dedupe).toBeInstanceOf(RedisEventDedupe);
      expect(local.kind).toBe('memory');
      expect(shared.claimTtl).toEqual({ answeringMs: 120_000, answeredMs: 3_600_000 });
    } finally {
      await shared.close();
      await local.close();
    }
  });

  it('fails at startup in one line naming REDIS_URL, password hidden, when Redis is unreachable', async () => {
    const closed = `redis://:s3cret-pass@127.0.0.1:${server.port + 1}`;
    const error = await connectRedis(closed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateStartupError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot reach Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\): .*ECONNREFUSED.*unset REDIS_URL/);
    expect(message).not.toContain('s3cret-pass');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('rejects a REDIS_URL that is not a redis:// URL, with a fix-it message', () => {
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/Invalid setting REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
  });
});

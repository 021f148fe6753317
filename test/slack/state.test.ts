// Exact behaviour of the in-process state: message text, dedupe, rate limit, conversations, feedback file.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionFromMessage } from '../../src/slack/message-text.js';
import { MemoryConversationStore } from '../../src/slack/state/conversation-store.js';
import { MemoryEventDedupe } from '../../src/slack/state/event-dedupe.js';
import { JsonLinesFeedbackStore, type FeedbackEntry } from '../../src/feedback/feedback-store.js';
import { MemoryRateLimiter } from '../../src/slack/state/rate-limiter.js';
import { summarizeSources } from '../../src/slack/sources.js';

// Starts at a real-looking time: lru-cache takes a start time of 0 for "no TTL".
const clock = (start = 1_700_000_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('questionFromMessage', () => {
  it('drops the bot mention, keeps labels of other references and decodes entities', () => {
    expect(questionFromMessage('<@U_BOT> what about <https://x.example|video> &amp; &lt;bots&gt;?', 'U_BOT')).toBe('what about video & <bots>?');
    expect(questionFromMessage('<@U2> and <#C1|general> <#C2> <!here> <!subteam^S1|@ads>', 'U_BOT')).toBe('someone and #general a channel here ads');
    expect(questionFromMessage('<@U_BOT> what does <@U0OTHER> think about video <https://evil.example/login>?', 'U_BOT')).toBe(
      'what does someone think about video https://evil.example/login?',
    );
    expect(questionFromMessage('  <@U_BOT>  ', 'U_BOT')).toBe('');
  });
});

describe('MemoryEventDedupe', () => {
  it('claims a key once until its TTL passes', async () => {
    const c = clock();
    const dedupe = new MemoryEventDedupe(c.now);
    expect(await dedupe.claim('Ev1', 1000)).toBe(true);
    expect(await dedupe.claim('Ev1', 1000)).toBe(false);
    expect(await dedupe.claim('Ev2', 1000)).toBe(true);
    c.advance(1001);
    expect(await dedupe.claim('Ev1', 1000)).toBe(true);
  });

  it('gives exactly one of many concurrent claims', async () => {
    const dedupe = new MemoryEventDedupe();
    const results = await Promise.all(Array.from({ length: 10 }, () => dedupe.claim('Ev3')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('MemoryRateLimiter', () => {
  it('allows N questions in any sliding minute per user', async () => {
    const c = clock();
    const limiter = new MemoryRateLimiter(2, c.now);
    expect(await limiter.take('U1')).toEqual({ allowed: true });
    c.advance(10_000);
    expect(await limiter.take('U1')).toEqual({ allowed: true });
    expect(await limiter.take('U1')).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(await limiter.take('U2')).toEqual({ allowed: true });
    c.advance(50_001);
    expect(await limiter.take('U1')).toEqual({ allowed: true });
  });
});

describe('MemoryConversationStore', () => {
  it('keeps questions per channel and thread, bounded in turns, age and conversations', async () => {
    const c = clock();
    const store = new MemoryConversationStore({ maxTurns: 2, maxAgeMs: 1000, maxConversations: 2 }, c.now);
    const a = { channel: 'D1' };
    const b = { channel: 'C1', thread: '1.1' };
    await store.addQuestion(a, 'q1');
    await store.addQuestion(a, 'q2');
    await store.addQuestion(a, 'q3');
    expect(await store.questions(a)).toEqual(['q2', 'q3']);
    expect(await store.questions(b)).toEqual([]);
    await store.addQuestion(b, 'b1');
    c.advance(600);
    await store.addQuestion(b, 'b2');
    c.advance(500);
    expect(await store.questions(a)).toEqual([]);
    expect(await store.questions(b)).toEqual(['b2']);
    await store.addQuestion({ channel: 'C2' }, 'x');
    await store.addQuestion({ channel: 'C3' }, 'y');
    expect(await store.questions(b)).toEqual([]);
  });
});

describe('JsonLinesFeedbackStore', () => {
  it('appends JSON lines and reads back the latest vote per user and answer', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-feedback-'));
    try {
      const store = new JsonLinesFeedbackStore(path.join(dir, 'nested', 'feedback.jsonl'));
      const entry = (user: string, answerId: string, vote: 'up' | 'down', time: string): FeedbackEntry => ({
        time,
        user,
        vote,
        answerId,
        question: 'q',
        quotes: [],
      });
      await Promise.all([store.record(entry('U1', 'a1', 'up', 't1')), store.record(entry('U2', 'a1', 'up', 't2'))]);
      await store.record(entry('U1', 'a1', 'down', 't3'));
      expect((await readFile(store.file, 'utf8')).trim().split('\n')).toHaveLength(3);
      expect((await store.list()).map((e) => [e.user, e.vote, e.time])).toEqual([
        ['U2', 'up', 't2'],
        ['U1', 'down', 't3'],
      ]);
      await writeFile(store.file, `${await readFile(store.file, 'utf8')}{"broken`, 'utf8');
      expect(await store.list()).toHaveLength(2);
      expect(await new JsonLinesFeedbackStore(path.join(dir, 'missing.jsonl')).list()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('summarizeSources', () => {
  it('counts distinct contributors per document, not the publisher’s own framing', () => {
    const p = (file: string, speaker: string) => ({ file, title: file.toUpperCase(), year: 2017, publisher: '7 Digits', speaker });
    expect(summarizeSources([p('b', 'CMO #1'), p('b', 'CMO #2'), p('b', 'CMO #1'), p('b', '7 Digits (article introduction)'), p('a', 'blog post')])).toEqual([
      { file: 'a', title: 'A', year: 2017, contributors: 1 },
      { file: 'b', title: 'B', year: 2017, contributors: 2 },
    ]);
  });
});

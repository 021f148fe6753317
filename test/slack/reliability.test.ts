// End to end: a retry during a slow answer, failures ending in an apology with a reference id, rate and length limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackDeps } from '../../src/slack/deps.js';
import { startHarness, type Harness } from './harness.js';
import { blockActions, sendAction, sendCommand, sendEvent } from './signed-request.js';

let h: Harness;
let seq = 0;
const nextTs = () => `1700000200.${String(++seq).padStart(6, '0')}`;
// Questions containing these words make the wrapped ask wait for a release, or fail.
let release: () => void = () => undefined;
let gate = Promise.resolve();

beforeAll(async () => {
  const wrapAsk =
    (ask: SlackDeps['ask']): SlackDeps['ask'] =>
    async (input) => {
      if (input.question.includes('(slow)')) await gate;
      if (input.question.includes('BOOM')) throw new Error('index exploded at /secret/path');
      return ask(input);
    };
  h = await startHarness({ wrapAsk, rateLimitPerMinute: 3, maxQuestionChars: 60, apiRetries: 3 });
});
afterAll(async () => {
  await h?.stop();
});

function mention(text: string, user = 'U1') {
  const ts = nextTs();
  return { type: 'app_mention', user, text: `<@U_BOT> ${text}`, ts, channel: 'C2', event_ts: ts };
}
const inThread = (ts: string) => h.fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === ts);

describe('reliability', () => {
  it('posts one answer when the connection drops after Slack received chat.postMessage', async () => {
    h.fake.httpFailures.set('chat.postMessage', [{ status: 0 }]);
    const event = mention('what about video?', 'U12');
    await sendEvent(h.url, event, 'EvLost1');
    await h.fake.waitFor(() => h.logs.some((line) => line.includes('not posting again') && line.includes('EvLost1')), 'the read-back');
    expect(h.fake.messages.filter((m) => m.thread_ts === event.ts)).toHaveLength(1);
    expect(inThread(event.ts)).toHaveLength(1);
    expect(String(inThread(event.ts)[0]!.body.text)).not.toContain('reference');
  });

  it('acks at once while the answer is slow, and drops a retry that arrives before the answer is written', async () => {
    gate = new Promise((resolve) => (release = resolve));
    const event = mention('(slow) video?', 'U10');
    expect((await sendEvent(h.url, event, 'EvSlow1')).status).toBe(200);
    expect((await sendEvent(h.url, event, 'EvSlow1', { retryNum: 1 })).status).toBe(200);
    await h.fake.waitFor(() => h.logs.some((line) => line.includes('already answered') && line.includes('EvSlow1')), 'the retry to be dropped');
    expect(inThread(event.ts)).toHaveLength(0);
    release();
    await h.fake.waitFor(() => inThread(event.ts).length === 1, 'the answer');
    expect(inThread(event.ts)).toHaveLength(1);
  });

  it('turns a failure while answering into a short apology in the thread, with a reference id that is in the log', async () => {
    const event = mention('BOOM what about video?', 'U11');
    await sendEvent(h.url, event, 'EvBoom1');
    const [post] = await h.fake.waitFor(() => inThread(event.ts).length > 0 && inThread(event.ts), 'the apology');
    const text = String(post!.body.text);
    const reference = /reference `(ref-[0-9a-f]+)`/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/secret/path');
    const logged = h.logs.find((line) => line.includes('failed to answer') && line.includes(reference!));
    expect(logged).toContain('index exploded');
  });

  it('apologizes, with a reference id in the log, when shared state cannot be reached to claim the event', async () => {
    const claim = h.deps.dedupe.claim.bind(h.deps.dedupe);
    h.deps.dedupe.claim = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    try {
      const event = mention('what about video?', 'U13');
      await sendEvent(h.url, event, 'EvNoRedis1');
      const [post] = await h.fake.waitFor(() => inThread(event.ts).length > 0 && inThread(event.ts), 'the apology');
      const reference = /reference `(ref-[0-9a-f]+)`/.exec(String(post!.body.text))?.[1];
      expect(reference).toBeDefined();
      expect(h.logs.some((line) => line.includes('failed to answer') && line.includes(reference!) && line.includes('ECONNREFUSED'))).toBe(true);
    } finally {
      h.deps.dedupe.claim = claim;
    }
  });

  it('apologizes to whoever clicks a button while shared state cannot be reached', async () => {
    const get = h.deps.answers.get.bind(h.deps.answers);
    h.deps.answers.get = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    try {
      for (const [actionId, value] of [
        ['share_answer', 'ans-x'],
        ['show_more_quotes', 'ans-x:1'],
        ['answer_feedback_up', 'ans-x:up'],
      ] as const) {
        const responseId = `down-${actionId}`;
        await sendAction(
          h.url,
          blockActions(
            { type: 'button', action_id: actionId, value },
            { channel: 'C3', user: 'U14', ephemeral: true, responseUrl: h.fake.responseUrl(responseId) },
          ),
        );
        const reply = await h.fake.waitFor(() => h.fake.callsTo(`respond:${responseId}`)[0], `the apology for ${actionId}`);
        const reference = /reference `(ref-[0-9a-f]+)`/.exec(String(reply.body.text))?.[1];
        expect(reference, actionId).toBeDefined();
        expect(
          h.logs.some((line) => line.includes(reference!) && line.includes('ECONNREFUSED')),
          actionId,
        ).toBe(true);
      }
    } finally {
      h.deps.answers.get = get;
    }
  });

  it('apologizes through response_url when /trend fails', async () => {
    await sendCommand(h.url, { text: 'BOOM', user_id: 'U12', response_url: h.fake.responseUrl('boom') });
    const reply = await h.fake.waitFor(() => h.fake.callsTo('respond:boom')[0], 'the apology');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(String(reply.body.text)).toMatch(/^Sorry, something went wrong.*reference `ref-[0-9a-f]+`/);
  });

  it('apologizes when Slack rejects the answer message', async () => {
    h.fake.failNext.set('chat.postMessage', 'invalid_blocks');
    const event = mention('What about live video?', 'U13');
    await sendEvent(h.url, event, 'EvReject1');
    await h.fake.waitFor(() => inThread(event.ts).length === 2, 'the answer attempt and the apology');
    expect(String(inThread(event.ts)[1]!.body.text)).toMatch(/^Sorry, something went wrong/);
  });

  it('limits questions per user per minute with a friendly message', async () => {
    const events = [1, 2, 3, 4].map(() => mention('What about video?', 'U14'));
    for (const [i, event] of events.entries()) {
      await sendEvent(h.url, event, `EvRate${i}`);
      await h.fake.waitFor(() => inThread(event.ts).length === 1, `reply ${i}`);
    }
    const last = String(inThread(events[3]!.ts)[0]!.body.text);
    expect(last).toMatch(/^You have asked 3 questions in the last minute — that is my limit\. Please try again in about \d+ seconds\.$/);
    const other = mention('What about video?', 'U15');
    await sendEvent(h.url, other, 'EvRateOther');
    await h.fake.waitFor(() => inThread(other.ts).length === 1, 'another user’s answer');
    expect(String(inThread(other.ts)[0]!.body.text)).not.toMatch(/limit/);
  });

  it('answers questions over the length limit with a clear message, without using up the rate limit (3 a minute here)', async () => {
    const events = [1, 2, 3, 4].map(() => mention(`What about ${'very '.repeat(20)}long questions?`, 'U16'));
    for (const [i, event] of events.entries()) {
      await sendEvent(h.url, event, `EvLong${i}`);
      const [post] = await h.fake.waitFor(() => inThread(event.ts).length > 0 && inThread(event.ts), 'the message');
      expect(String(post!.body.text)).toMatch(/^The question is \d+ characters long; keep it under 60\.$/);
    }
    const fine = mention('What about video?', 'U16');
    await sendEvent(h.url, fine, 'EvLongThenFine');
    await h.fake.waitFor(() => inThread(fine.ts).length === 1, 'the answer');
    expect(String(inThread(fine.ts)[0]!.body.text)).not.toMatch(/limit|characters long/);
  });
});

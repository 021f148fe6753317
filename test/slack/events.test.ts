// End to end over HTTP: url_verification, @mentions in channels, DMs, retries, ignored messages, signatures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTo, expectShowsAnswer, type Harness, startHarness } from './harness.js';
import { sendEvent, sendSigned } from './signed-request.js';

let h: Harness;
let seq = 0;
const nextTs = () => `1700000100.${String(++seq).padStart(6, '0')}`;
const nextEventId = () => `Ev${String(++seq).padStart(8, '0')}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

function mention(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'app_mention', user: 'U1', text: `<@U_BOT> ${text}`, ts, channel: 'C1', event_ts: ts, ...extra };
}

function dm(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'message', channel_type: 'im', user: 'U2', text, ts, channel: 'D1', event_ts: ts, ...extra };
}

const ignoredLogs = (eventId: string) => h.logs.filter((line) => line.includes('already answered') && line.includes(`"eventId":"${eventId}"`));
const postsInThread = (thread: string) => h.fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === thread);

describe('Slack events over HTTP', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const response = await sendSigned(h.url, body, 'application/json');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('c-123');
  });

  it('answers a mention in its thread with exactly what the app’s ask returns, then a follow-up with the thread as history', async () => {
    const first = mention('What is next for content marketing?');
    const response = await sendEvent(h.url, first, nextEventId());
    expect(response.status).toBe(200);
    const [post] = await h.fake.waitFor(() => postsInThread(first.ts).length > 0 && postsInThread(first.ts), 'the answer in the thread');
    expect(post!.body.channel).toBe('C1');
    expect(post!.authorization).toBe('Bearer xoxb-test-bot-token');
    // The app's own ask: up to two pages of quotes (the first is shown), counts from the trend map.
    const expected = await answerTo(h.deps, { question: 'What is next for content marketing?' });
    expectShowsAnswer(post!.body.blocks, expected);
    expect(post!.body.text).toBe(expected.answer.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

    const followUp = mention('what about B2B?', { thread_ts: first.ts });
    await sendEvent(h.url, followUp, nextEventId());
    await h.fake.waitFor(() => postsInThread(first.ts).length === 2, 'the follow-up answer');
    const second = postsInThread(first.ts)[1]!;
    const expectedFollowUp = await answerTo(h.deps, { question: 'what about B2B?', history: ['What is next for content marketing?'] });
    expect(expectedFollowUp.standaloneQuestion).toContain('following up on');
    expectShowsAnswer(second.body.blocks, expectedFollowUp);
    // History comes from our own store, never from re-reading the thread.
    expect(h.fake.callsTo('conversations.replies')).toHaveLength(0);
    expect(h.fake.callsTo('conversations.history')).toHaveLength(0);
  });

  it('answers a retried event once, also when the retry arrives while the first answer is being written', async () => {
    const event = mention('Will live video matter?');
    const eventId = nextEventId();
    const responses = await Promise.all([sendEvent(h.url, event, eventId), sendEvent(h.url, event, eventId, { retryNum: 1 })]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await h.fake.waitFor(() => postsInThread(event.ts).length > 0, 'the answer');
    await sendEvent(h.url, event, eventId, { retryNum: 2 });
    await h.fake.waitFor(() => ignoredLogs(eventId).length === 2, 'both retries to be ignored');
    expect(postsInThread(event.ts)).toHaveLength(1);
  });

  it('keeps a DM research conversation and answers a DM that also mentions the bot once', async () => {
    const first = dm('How will big data change marketing?');
    await sendEvent(h.url, first, nextEventId());
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'D1'), 'the DM answer');
    expect(post.body.thread_ts).toBeUndefined();
    expectShowsAnswer(post.body.blocks, await answerTo(h.deps, { question: 'How will big data change marketing?' }));

    const followUp = dm('<@U_BOT> and what about privacy?');
    // Slack sends both events for such a message; whichever arrives first answers.
    await Promise.all([
      sendEvent(h.url, followUp, nextEventId()),
      sendEvent(h.url, { ...followUp, type: 'app_mention', channel_type: undefined }, nextEventId()),
    ]);
    const dmPosts = () => h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === 'D1');
    await h.fake.waitFor(() => dmPosts().length === 2, 'the DM follow-up');
    const expected = await answerTo(h.deps, { question: 'and what about privacy?', history: ['How will big data change marketing?'] });
    if (expected.quotes.length > 0) expectShowsAnswer(dmPosts()[1]!.body.blocks, expected);
    else expect(dmPosts()[1]!.body.text).toBe(expected.answer);
    await h.fake.waitFor(
      () => h.logs.some((line) => line.includes('left to the direct-message listener') && line.includes(`"ts":"${followUp.ts}"`)),
      'the second event to be ignored',
    );
    expect(dmPosts()).toHaveLength(2);
  });

  it('ignores its own messages, other bots, edits, deletes, joins and other subtypes', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const ignored = [
      dm('my own answer', { user: 'U_BOT', bot_id: 'B_BOT' }),
      dm('another bot', { bot_id: 'B_OTHER', subtype: 'bot_message' }),
      dm('edited', { subtype: 'message_changed', message: { text: 'video?' } }),
      dm('', { subtype: 'message_deleted' }),
      dm('joined', { subtype: 'channel_join' }),
      { ...dm('a channel message, not a DM'), channel_type: 'channel', channel: 'C1' },
      mention('from a bot', { bot_id: 'B_OTHER' }),
    ];
    for (const event of ignored) expect((await sendEvent(h.url, event, nextEventId())).status).toBe(200);
    const marker = dm('What about mobile marketing?', { channel: 'D8' });
    await sendEvent(h.url, marker, nextEventId());
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').some((call) => call.body.channel === 'D8'), 'the marker answer');
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('answers a DM with a file attached and a thread reply also sent to the conversation, from their text', async () => {
    const withFile = dm('What about podcasts?', { subtype: 'file_share', channel: 'D31', files: [{ id: 'F1', name: 'notes.pdf' }] });
    const broadcast = dm('And chatbots?', { subtype: 'thread_broadcast', channel: 'D32', thread_ts: '1700000000.000001' });
    const mentioned = mention('what about podcasts?', { subtype: 'thread_broadcast', channel: 'C33', thread_ts: '1700000000.000002' });
    for (const event of [withFile, broadcast, mentioned]) await sendEvent(h.url, event, nextEventId());
    for (const channel of ['D31', 'D32', 'C33']) {
      const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === channel), `the answer in ${channel}`);
      expect(String(post.body.text)).not.toMatch(/^Sorry/);
    }
    const podcasts = h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'D31')!;
    expectShowsAnswer(podcasts.body.blocks, await answerTo(h.deps, { question: 'What about podcasts?' }));
  });

  it('echoes neither people’s ids nor links in the lead line', async () => {
    const event = mention('what does <@U0OTHER> think about video <https://evil.example/login>?');
    await sendEvent(h.url, event, nextEventId());
    const [post] = await h.fake.waitFor(() => postsInThread(event.ts).length > 0 && postsInThread(event.ts), 'the answer');
    const lead = JSON.stringify((post!.body.blocks as unknown[])[0]) + String(post!.body.text);
    expect(lead).not.toContain('U0OTHER');
    expect(lead).not.toMatch(/https?:\/\//);
    expect(lead, lead).toContain('someone');
  });

  it('escapes corpus and user text so nothing becomes a mention or a link', async () => {
    const event = mention('<!channel> what about <https://evil.example|video> & bots?');
    await sendEvent(h.url, event, nextEventId());
    const [post] = await h.fake.waitFor(() => postsInThread(event.ts).length > 0 && postsInThread(event.ts), 'the answer');
    const texts = JSON.stringify(post!.body.blocks) + String(post!.body.text);
    expect(texts).not.toMatch(/<[!@#]|<https?:/);
    expect(String(post!.body.text)).toContain('&amp; bots?');
  });

  it('acknowledges Slack’s app_rate_limited notice at once and warns that events are being dropped', async () => {
    // As Slack sends it: a top-level type, no event and no event_id.
    const body = JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: 'T123ABC456', minute_rate_limited: 1518467820, api_app_id: 'A123ABC456' });
    const response = await sendSigned(h.url, body, 'application/json');
    expect(response.status).toBe(200);
    const warning = h.logs.find((line) => line.includes('app_rate_limited'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, team: 'T123ABC456', since: '2018-02-12T20:37:00.000Z' });
    expect(h.logs.some((line) => line.includes('not acknowledged'))).toBe(false);
  });

  it('never echoes a typed @channel, @here or @everyone in a form that could ping, in a thread or a DM', async () => {
    const before = h.fake.calls.length;
    const typed = '@here what do CMOs say about video for @channel and @Everyone?';
    const events = [mention(typed), dm(typed, { channel: 'D40' })];
    for (const event of events) await sendEvent(h.url, event, nextEventId());
    await h.fake.waitFor(
      () => postsInThread(events[0]!.ts).length > 0 && h.fake.callsTo('chat.postMessage').some((call) => call.body.channel === 'D40'),
      'both answers',
    );
    const sent = JSON.stringify(h.fake.calls.slice(before).map((call) => call.body));
    expect(sent).toContain('@\u2060here what do CMOs say');
    expect(sent).not.toMatch(/@(channel|here|everyone)\b|<!/i);
  });

  it('rejects a bad signature and a timestamp older than five minutes with 401', async () => {
    const event = mention('video?');
    const bad = await sendEvent(h.url, event, nextEventId(), { secret: 'wrong-secret' });
    const stale = await sendEvent(h.url, event, nextEventId(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
  });

  it('never logs the bot token or the signing secret', () => {
    const all = h.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain('xoxb-test-bot-token');
    expect(all).not.toContain('test-signing-secret');
  });
});

// End to end over HTTP: /trend (help, sources, ephemeral answer), Share in channel, Show more quotes, 👍/👎.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import type { FeedbackEntry } from '../../src/feedback/feedback-store.js';
import { actionsOf, expectShowsAnswer, shownQuotes, startHarness, type Harness } from './harness.js';
import { blockActions, sendAction, sendCommand } from './signed-request.js';

let h: Harness;
let seq = 0;
const nextResponseId = () => `r${++seq}`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function trend(text: string, user = 'U1') {
  const id = nextResponseId();
  const response = await sendCommand(h.url, { text, user_id: user, response_url: h.fake.responseUrl(id) });
  expect(response.status).toBe(200);
  const [reply] = await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).length > 0 && h.fake.callsTo(`respond:${id}`), `the response to /trend ${text}`);
  return { id, reply: reply!.body };
}

describe('/trend', () => {
  it('shows usage with examples for no text and for help', async () => {
    for (const text of ['', 'help']) {
      const { reply } = await trend(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.blocks)).toContain('/trend sources');
    }
  });

  it('lists the corpus documents with year and number of contributors', async () => {
    const { reply } = await trend('sources');
    const text = JSON.stringify(reply.blocks);
    expect(reply.response_type).toBe('ephemeral');
    expect(text).toContain('I quote from 3 documents');
    expect(text).toContain('*Digital marketing trends 2017* (2017) — 21 contributors');
    expect(text).toContain('*What’s next for social marketing in 2014* (2014) — 1 contributor');
  });

  it('answers ephemerally through response_url with what answerQuestion returns, a Share button and 👍/👎', async () => {
    const { reply } = await trend('video');
    expect(reply.response_type).toBe('ephemeral');
    expectShowsAnswer(reply.blocks, await answerQuestion(h.index.index, { question: 'video' }));
    const ids = actionsOf(reply.blocks).map((a) => a.action_id);
    expect(ids).toEqual(expect.arrayContaining(['share_answer', 'answer_feedback_up', 'answer_feedback_down']));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('shares the answer in the channel, saying who shared it', async () => {
    const { reply } = await trend('will live video grow?', 'U7');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    const id = nextResponseId();
    const click = blockActions({ type: 'button', action_id: 'share_answer', value: share.value }, { channel: 'C1', user: 'U7', ephemeral: true, responseUrl: h.fake.responseUrl(id) });
    expect((await sendAction(h.url, click)).status).toBe(200);
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C1'), 'the shared answer');
    expect(JSON.stringify(post.body.blocks)).toContain('Shared by <@U7>');
    expect(post.body.text).toContain('<@U7> shared');
    expect(shownQuotes(post.body.blocks)).toEqual(shownQuotes(reply.blocks));
    await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).some((call) => call.body.delete_original === true), 'the ephemeral answer removed');
  });
});

describe('feedback', () => {
  it('records a vote as JSON lines, acknowledges it, and a later click by the same user replaces the vote', async () => {
    const { reply } = await trend('social media and big data');
    const up = actionsOf(reply.blocks).find((a) => a.action_id === 'answer_feedback_up')!;
    const answerId = up.value!.split(':')[0]!;
    const responseId = nextResponseId();
    const place = { channel: 'C1', user: 'U3', ephemeral: true, responseUrl: h.fake.responseUrl(responseId) };
    await sendAction(h.url, blockActions({ type: 'button', action_id: 'answer_feedback_up', value: `${answerId}:up` }, place));
    await h.fake.waitFor(() => h.fake.callsTo(`respond:${responseId}`).length === 1, 'the acknowledgement');
    expect(h.fake.callsTo(`respond:${responseId}`)[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    // The feedback_buttons element of a channel answer sends the clicked half's value.
    await sendAction(h.url, blockActions({ type: 'feedback_buttons', action_id: 'answer_feedback', value: `${answerId}:down` }, { ...place, ephemeral: false, threadTs: '1700000000.000001' }));
    const ack = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the ephemeral acknowledgement');
    expect(ack.body).toMatchObject({ channel: 'C1', user: 'U3', thread_ts: '1700000000.000001' });

    const lines = (await readFile(h.feedbackFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as FeedbackEntry);
    expect(lines.map((l) => l.vote)).toEqual(['up', 'down']);
    const latest = await h.deps.feedback.list();
    expect(latest).toHaveLength(1);
    const answer = await answerQuestion(h.index.index, { question: 'social media and big data' });
    expect(latest[0]).toMatchObject({ user: 'U3', vote: 'down', answerId, question: 'social media and big data' });
    expect(latest[0]!.quotes).toEqual(answer.quotes.map(({ text, file, start, end }) => ({ text, file, start, end })));
    expect(Number.isNaN(Date.parse(latest[0]!.time))).toBe(false);
  });
});

describe('Show more quotes', () => {
  it('posts the quotes a trimmed answer left out in the same thread', async () => {
    const question = 'content marketing';
    const answer = await answerQuestion(h.index.index, { question });
    expect(answer.quotes.length).toBeGreaterThan(1);
    // Store an answer as if it had been trimmed after its first quote.
    await h.deps.answers.save({ id: 'ans-trimmed', answer, shownUntil: 1 });
    const click = blockActions({ type: 'button', action_id: 'show_more_quotes', value: 'ans-trimmed:1' }, { channel: 'C5', threadTs: '1700000000.000009', responseUrl: h.fake.responseUrl('unused') });
    await sendAction(h.url, click);
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C5'), 'the rest of the quotes');
    expect(post.body.thread_ts).toBe('1700000000.000009');
    expect(shownQuotes(post.body.blocks)).toEqual(answer.quotes.slice(1).map((q) => q.text));
  });
});

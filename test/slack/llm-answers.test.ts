// The Slack path with the LLM on, against the fake OpenAI-compatible server: placeholder, then the verified synthesis in its place.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { createLlm, type Llm } from '../../src/answer/llm/create-llm.js';
import { loadConfig } from '../../src/config.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { PLACEHOLDER_TEXT } from '../../src/slack/reply-target.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/openai/fake-openai-server.js';
import { FABRICATED, fabricatedQuoteAnswer, goodAnswer } from '../fixtures/openai/replies.js';
import { streamedText, type RecordedCall } from './fake-slack.js';
import { expectShowsAnswer, shownLocations, startHarness, type Harness } from './harness.js';
import { sendCommand, sendEvent } from './signed-request.js';

let h: Harness;
let openai: FakeOpenAI;
let llm: Llm;
let seq = 0;
const nextTs = () => `1700000300.${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  openai = await startFakeOpenAI({ chat: goodAnswer });
  const config = loadConfig({
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: 'test-key-sk-slack',
    EMBEDDINGS: 'local',
    // A hung request ends at the timeout, twice (one retry), well within the deadline; both leave a loaded machine room
    // (the deadline also covers retrieval, and the first question loads the reranker).
    LLM_TIMEOUT_MS: '1500',
    LLM_DEADLINE_MS: '10000',
    LLM_MAX_RETRIES: '1',
  });
  llm = createLlm(config, { retryBaseMs: 5 })!;
  // "BOOM" fails after the model has started working, so the apology has a placeholder to replace.
  const wrapAsk =
    (ask: SlackDeps['ask']): SlackDeps['ask'] =>
    async (input, progress) => {
      if (!input.question.includes('BOOM')) return ask(input, progress);
      progress?.onModelWork?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('model path exploded');
    };
  h = await startHarness({ llm, wrapAsk, rateLimitPerMinute: 100 });
});
afterAll(async () => {
  await h?.stop();
  await openai?.close();
});
beforeEach(() => openai.setChat(goodAnswer));

function mention(text: string) {
  const ts = nextTs();
  return { type: 'app_mention', user: 'U1', text: `<@U_BOT> ${text}`, ts, channel: 'C9', event_ts: ts };
}

/** The placeholder posted in `thread` and the chat.update that replaced it. */
async function placeholderAndUpdate(
  channel: string,
  thread: string | undefined,
): Promise<{ placeholder: RecordedCall; update: RecordedCall; posts: RecordedCall[] }> {
  const postsHere = () => h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === channel && call.body.thread_ts === thread);
  const placeholder = await h.fake.waitFor(() => postsHere()[0], 'the placeholder');
  const index = h.fake.calls.indexOf(placeholder);
  const update = await h.fake.waitFor(
    () => h.fake.calls.slice(index).find((call) => call.method === 'chat.update' && call.body.channel === channel),
    'the chat.update',
  );
  return { placeholder, update, posts: postsHere() };
}

const tsOf = (call: RecordedCall) => call.reply?.ts;

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Slack with the LLM on', () => {
  it('posts a placeholder in the thread, then replaces it with the cited synthesis and numbered verbatim quotes', async () => {
    const question = 'What will happen with live video?';
    const event = mention(question);
    await sendEvent(h.url, event, 'EvLlm1');
    const { placeholder, update, posts } = await placeholderAndUpdate('C9', event.ts);
    expect(placeholder.body.text).toBe(PLACEHOLDER_TEXT);
    expect(update.body.ts).toBe(tsOf(placeholder));
    expect(posts).toHaveLength(1);

    const lead = unescape(String(update.body.text));
    expect(lead).toMatch(/^One marketer puts it plainly: “.+” \[1\]\. Another view comes from a second source \[2\]\.$/);
    const expected = await answerQuestion(h.index.index, { question }, { llm });
    expect(expected.mode).toBe('llm');
    expect(lead).toBe(expected.answer);
    // [n] in the synthesis is the n-th quote shown, verbatim at its offsets.
    expectShowsAnswer(update.body.blocks, expected);
    const labels = (update.body.blocks as { type: string; elements?: { text?: string }[] }[])
      .filter((block) => block.type === 'context')
      .map((block) => /^\[(\d+)\]/.exec(block.elements?.[0]?.text ?? '')?.[1])
      .filter(Boolean);
    expect(labels).toEqual(['1', '2']);
    const quoted = /“(.+)”/.exec(lead)![1]!;
    expect(expected.quotes[0]!.text.startsWith(quoted)).toBe(true);
    expect(shownLocations(update.body.blocks)).toHaveLength(2);
  });

  it('never lets a fabricated quote reach Slack', async () => {
    openai.setChat(fabricatedQuoteAnswer);
    const event = mention('Will live video matter next year?');
    await sendEvent(h.url, event, 'EvLlm2');
    const { update } = await placeholderAndUpdate('C9', event.ts);
    expect(JSON.stringify(update.body)).not.toContain(FABRICATED);
    expect(JSON.stringify(h.fake.calls.map((call) => call.body))).not.toContain(FABRICATED);
    expect(unescape(String(update.body.text))).toMatch(/\[1\]/);
  });

  it.each([
    ['a 5xx', () => openai.setChat(() => ({ kind: 'status', status: 503 }))],
    ['a timeout', () => openai.setChat(() => ({ kind: 'hang' }))],
  ])('ends in the extractive answer with a note after %s', async (_label, script) => {
    script();
    const question = 'How will big data change marketing?';
    const event = mention(question);
    await sendEvent(h.url, event, `EvLlm3-${_label}`);
    const { update } = await placeholderAndUpdate('C9', event.ts);
    const blocks = update.body.blocks as { type: string; elements?: { text?: string }[] }[];
    expect(blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_The AI summary is not available right now, so here are the quotes themselves._' }],
    });
    expectShowsAnswer(blocks, await answerQuestion(h.index.index, { question }));
  });

  it('answers a DM in place of its placeholder', async () => {
    const ts = nextTs();
    await sendEvent(
      h.url,
      { type: 'message', channel_type: 'im', user: 'U2', text: 'Will chatbots replace support teams?', ts, channel: 'D9', event_ts: ts },
      'EvLlm4',
    );
    const { placeholder, update, posts } = await placeholderAndUpdate('D9', undefined);
    expect(placeholder.body.text).toBe(PLACEHOLDER_TEXT);
    expect(update.body.ts).toBe(tsOf(placeholder));
    expect(posts).toHaveLength(1);
  });

  it('/trend shows an ephemeral placeholder, then replaces it through response_url', async () => {
    await sendCommand(h.url, { text: 'will live video grow?', user_id: 'U3', response_url: h.fake.responseUrl('llm-trend') });
    const [first, second] = await h.fake.waitFor(
      () => h.fake.callsTo('respond:llm-trend').length >= 2 && h.fake.callsTo('respond:llm-trend'),
      'the placeholder and the answer',
    );
    expect(first!.body).toMatchObject({ response_type: 'ephemeral', text: PLACEHOLDER_TEXT });
    expect(first!.body.replace_original).toBeUndefined();
    expect(second!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(unescape(String(second!.body.text))).toMatch(/\[1\]/);
  });

  it('replaces the placeholder with the apology when answering fails', async () => {
    const event = mention('BOOM what about video?');
    await sendEvent(h.url, event, 'EvLlm5');
    const { placeholder, update, posts } = await placeholderAndUpdate('C9', event.ts);
    expect(update.body.ts).toBe(tsOf(placeholder));
    expect(String(update.body.text)).toMatch(/^Sorry, something went wrong while answering\. .*reference `ref-[0-9a-f]+`/);
    expect(posts).toHaveLength(1);
  });

  it('delivers the answer when Slack refuses to edit the placeholder once', async () => {
    h.fake.failQueue.set('chat.update', ['cant_update_message']);
    const event = mention('What will happen with live video in 2017?');
    await sendEvent(h.url, event, 'EvLlm7');
    const placeholder = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.thread_ts === event.ts), 'the placeholder');
    const updates = await h.fake.waitFor(() => {
      const here = h.fake.callsTo('chat.update').filter((call) => call.body.ts === tsOf(placeholder));
      return here.length === 2 && here;
    }, 'the second chat.update');
    expect(updates.map((call) => call.reply?.ok)).toEqual([false, true]);
    expect(unescape(String(updates[1]!.body.text))).toMatch(/\[1\]/);
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === event.ts)).toHaveLength(1);
  });

  it('posts the answer as a new message in the thread when the placeholder cannot be edited at all', async () => {
    h.fake.failQueue.set('chat.update', ['cant_update_message', 'cant_update_message']);
    const event = mention('What does the CMO who talks about live video predict?');
    await sendEvent(h.url, event, 'EvLlm8');
    const [placeholder, answer] = await h.fake.waitFor(() => {
      const posts = h.fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === event.ts);
      return posts.length === 2 && posts;
    }, 'the answer posted anew');
    expect(placeholder!.body.text).toBe(PLACEHOLDER_TEXT);
    expect(unescape(String(answer!.body.text))).toMatch(/\[1\]/);
    expect(h.logs.some((line) => line.includes('posting the reply as a new message'))).toBe(true);
  });

  it('/trend sends a new ephemeral response when the placeholder cannot be replaced', async () => {
    h.fake.httpFailures.set('respond:llm-trend-2', [{ status: 200 }, { status: 404 }, { status: 404 }]);
    // The placeholder goes through; both replacements are refused (404, not retried); the answer comes anew.
    await sendCommand(h.url, { text: 'will live video grow?', user_id: 'U3', response_url: h.fake.responseUrl('llm-trend-2') });
    const calls = await h.fake.waitFor(
      () => h.fake.callsTo('respond:llm-trend-2').length >= 4 && h.fake.callsTo('respond:llm-trend-2'),
      'the answer as a new response',
    );
    expect(calls[0]!.body).toMatchObject({ text: PLACEHOLDER_TEXT });
    expect(calls[3]!.body.replace_original).toBeUndefined();
    expect(unescape(String(calls[3]!.body.text))).toMatch(/\[1\]/);
  });

  it('answers a retried event once, placeholder included', async () => {
    const event = mention('Where is content marketing heading in 2017?');
    await Promise.all([sendEvent(h.url, event, 'EvLlm6'), sendEvent(h.url, event, 'EvLlm6', { retryNum: 1 })]);
    await placeholderAndUpdate('C9', event.ts);
    await sendEvent(h.url, event, 'EvLlm6', { retryNum: 2 });
    await h.fake.waitFor(() => h.logs.filter((line) => line.includes('already answered') && line.includes('EvLlm6')).length === 2, 'both retries ignored');
    const posts = h.fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === event.ts);
    expect(posts).toHaveLength(1);
    expect(h.fake.callsTo('chat.update').filter((call) => call.body.ts === tsOf(posts[0]!))).toHaveLength(1);
  });
});

describe('the assistant panel with the LLM on', () => {
  let panelSeq = 0;
  // A message in a panel thread: its start (assistant_thread_started, tested in assistant-panel.test.ts) saved what
  // marks it as the panel's.
  async function panelMessage(channel: string, thread: string, text: string) {
    await h.deps.conversations.saveThreadContext({ channel, thread }, {});
    const ts = `1700000700.${String(++panelSeq).padStart(6, '0')}`;
    return { type: 'message', channel_type: 'im', user: 'U1', text, ts, channel, thread_ts: thread, event_ts: ts };
  }
  const callsIn = (method: string, channel: string) =>
    h.fake.callsTo(method).filter((call) => call.body.channel === channel || call.body.channel_id === channel);
  const streamedIn = (channel: string) =>
    callsIn('chat.startStream', channel).concat(callsIn('chat.appendStream', channel), callsIn('chat.stopStream', channel));
  const shown = (calls: RecordedCall[]) => calls.map((call) => unescape(streamedText(call.body).replace(/\\([\\*_~`])/g, '$1'))).join('');
  const statusCleared = (channel: string) => callsIn('assistant.threads.setStatus', channel).at(-1)?.body.status === '';

  it('streams two turns sentence by sentence, each verified, with the quotes as blocks when the stream stops', async () => {
    const thread = '1700000700.100000';
    const question = 'What will happen with live video?';
    await sendEvent(h.url, await panelMessage('D80', thread, question), `EvStream${++panelSeq}`);
    const [stop] = await h.fake.waitFor(
      () => callsIn('chat.stopStream', 'D80').length === 1 && statusCleared('D80') && callsIn('chat.stopStream', 'D80'),
      'the stopped stream',
    );
    const expected = await answerQuestion(h.index.index, { question }, { llm });
    const [start, ...appends] = callsIn('chat.startStream', 'D80').concat(callsIn('chat.appendStream', 'D80'));
    expect(start!.body).toMatchObject({ channel: 'D80', thread_ts: thread, recipient_user_id: 'U1' });
    // One call per verified sentence: the two sentences of the model's answer.
    expect(appends).toHaveLength(1);
    expect(shown(streamedIn('D80'))).toBe(expected.answer);
    expectShowsAnswer(stop!.body.blocks, expected);
    expect(callsIn('chat.postMessage', 'D80').filter((call) => call.body.thread_ts === thread)).toHaveLength(0);

    await sendEvent(h.url, await panelMessage('D80', thread, 'and what about B2B?'), `EvStream${++panelSeq}`);
    await h.fake.waitFor(() => callsIn('chat.stopStream', 'D80').length === 2 && statusCleared('D80'), 'the second stopped stream');
    expect(callsIn('chat.startStream', 'D80')).toHaveLength(2);
    // The follow-up was rewritten with the thread's first question before it was answered.
    expect(
      openai
        .chatRequests()
        .some(
          (request) =>
            JSON.stringify(request.body.messages).includes('What will happen with live video?') &&
            JSON.stringify(request.body.messages).includes('and what about B2B?'),
        ),
    ).toBe(true);
  });

  it('never streams the sentence of a fabricated quote', async () => {
    openai.setChat((request) => ({ ...(fabricatedQuoteAnswer(request) as { kind: 'answer'; content: string }), chunkChars: 3 }));
    await sendEvent(h.url, await panelMessage('D81', '1700000700.200000', 'Will live video matter next year?'), `EvStream${++panelSeq}`);
    await h.fake.waitFor(() => callsIn('chat.stopStream', 'D81').length === 1 && statusCleared('D81'), 'the stopped stream');
    expect(JSON.stringify(h.fake.calls.map((call) => call.body))).not.toContain(FABRICATED);
    expect(shown(streamedIn('D81'))).toMatch(/^One marketer puts it plainly: “.+” \[1\]\. Another view comes from a second source \[2\]\.$/);
  });

  it('replaces a stream Slack broke midway with the whole answer', async () => {
    h.fake.failNext.set('chat.appendStream', 'streaming_state_conflict');
    const question = 'What will happen with live video?';
    await sendEvent(h.url, await panelMessage('D82', '1700000700.300000', question), `EvStream${++panelSeq}`);
    const [update] = await h.fake.waitFor(
      () => callsIn('chat.update', 'D82').length === 1 && statusCleared('D82') && callsIn('chat.update', 'D82'),
      'the replacement',
    );
    expect(update!.body.ts).toBe(callsIn('chat.startStream', 'D82')[0]!.reply!.ts);
    const expected = await answerQuestion(h.index.index, { question }, { llm });
    expect(unescape(String(update!.body.text))).toBe(expected.answer);
    expectShowsAnswer(update!.body.blocks, expected);
    expect(h.logs.some((line) => line.includes('the answer stream broke'))).toBe(true);
  });

  it('replaces the streamed start with the quotes when the model breaks off midway', async () => {
    openai.setChat((request) => {
      const good = goodAnswer(request) as { kind: 'answer'; content: string };
      return { ...good, chunkChars: 4, breakAfterChars: good.content.indexOf('Another') + 12 };
    });
    const question = 'How will big data change marketing?';
    await sendEvent(h.url, await panelMessage('D83', '1700000700.400000', question), `EvStream${++panelSeq}`);
    const [update] = await h.fake.waitFor(
      () => callsIn('chat.update', 'D83').length === 1 && statusCleared('D83') && callsIn('chat.update', 'D83'),
      'the replacement',
    );
    expect(shown(streamedIn('D83'))).toMatch(/^One marketer puts it plainly: “.+” \[1\]\.$/);
    // Stopped first, then replaced in place by the extractive answer and its note.
    expect(callsIn('chat.stopStream', 'D83')).toHaveLength(1);
    expect(update!.body.ts).toBe(callsIn('chat.startStream', 'D83')[0]!.reply!.ts);
    expect(JSON.stringify(update!.body.blocks)).toContain('The AI summary is not available right now');
    expectShowsAnswer(update!.body.blocks, await answerQuestion(h.index.index, { question }));
  });

  it('replaces the stream with the apology, and clears the status, when answering fails', async () => {
    await sendEvent(h.url, await panelMessage('D84', '1700000700.500000', 'BOOM what about video?'), `EvStream${++panelSeq}`);
    await h.fake.waitFor(() => statusCleared('D84') && callsIn('chat.postMessage', 'D84').length === 1, 'the apology');
    expect(String(callsIn('chat.postMessage', 'D84')[0]!.body.text)).toMatch(/reference `ref-[0-9a-f]+`/);
    expect(callsIn('chat.startStream', 'D84')).toHaveLength(0);
  });
});

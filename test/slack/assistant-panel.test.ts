// The assistant panel end to end: signed assistant_thread_started and panel messages, against the Slack stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackDeps } from '../../src/slack/deps.js';
import { PANEL_GREETING, PANEL_STATUS } from '../../src/slack/listeners/assistant-panel.js';
import { answerTo, expectShowsAnswer, type Harness, startHarness } from './harness.js';
import { waitUntil } from '../helpers/wait-until.js';
import { sendEvent } from './signed-request.js';

let h: Harness;
let seq = 0;
const nextTs = () => `1700000600.${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  const wrapAsk =
    (ask: SlackDeps['ask']): SlackDeps['ask'] =>
    async (input, progress) => {
      if (input.question.includes('BOOM')) throw new Error('index exploded');
      return ask(input, progress);
    };
  h = await startHarness({ wrapAsk });
});
afterAll(async () => {
  await h?.stop();
});

function threadStarted(channel: string, thread: string, viewing = 'C0VIEW') {
  return {
    type: 'assistant_thread_started',
    assistant_thread: { user_id: 'U1', context: { channel_id: viewing, team_id: 'T1', enterprise_id: null }, channel_id: channel, thread_ts: thread },
    event_ts: nextTs(),
  };
}

function panelMessage(channel: string, thread: string, text: string) {
  const ts = nextTs();
  return { type: 'message', channel_type: 'im', user: 'U1', text, ts, channel, thread_ts: thread, event_ts: ts };
}

/** Starts a panel thread and waits until it is known as one (its context saved). */
async function startThread(channel: string, thread: string): Promise<void> {
  await sendEvent(h.url, threadStarted(channel, thread), `EvPanel${nextTs()}`);
  await waitUntil(async () => (await h.deps.conversations.threadContext({ channel, thread })) !== undefined, 'the thread to start');
}

const callsIn = (method: string, channel: string) => h.fake.callsTo(method).filter((call) => (call.body.channel_id ?? call.body.channel) === channel);
const answersIn = (channel: string) => callsIn('chat.postMessage', channel).filter((call) => call.body.text !== PANEL_GREETING);

describe('assistant panel', () => {
  it('greets a new thread, suggests prompts from the trend map, and remembers which channel the user is viewing', async () => {
    await sendEvent(h.url, threadStarted('D70', '1700000600.000000'), `EvPanel${nextTs()}`);
    const [prompts] = await h.fake.waitFor(
      () => callsIn('assistant.threads.setSuggestedPrompts', 'D70').length > 0 && callsIn('assistant.threads.setSuggestedPrompts', 'D70'),
      'the suggested prompts',
    );
    const map = (await h.deps.trendMap())!;
    const top = map.entries.filter(({ evidence }) => evidence.length > 0).slice(0, 4);
    expect((prompts!.body.prompts as { title: string }[]).map(({ title }) => title)).toEqual(top.map(({ trend }) => trend.name));
    expect(callsIn('chat.postMessage', 'D70')[0]!.body).toMatchObject({ text: PANEL_GREETING, thread_ts: '1700000600.000000' });
    expect(await h.deps.conversations.threadContext({ channel: 'D70', thread: '1700000600.000000' })).toMatchObject({ channel_id: 'C0VIEW' });
    await sendEvent(
      h.url,
      {
        type: 'assistant_thread_context_changed',
        assistant_thread: { user_id: 'U1', context: { channel_id: 'C0OTHER', team_id: 'T1' }, channel_id: 'D70', thread_ts: '1700000600.000000' },
        event_ts: nextTs(),
      },
      `EvPanel${nextTs()}`,
    );
    const key = { channel: 'D70', thread: '1700000600.000000' };
    await waitUntil(async () => (await h.deps.conversations.threadContext(key))?.channel_id === 'C0OTHER', 'the new thread context');
    expect(await h.deps.conversations.threadContext(key)).toMatchObject({ channel_id: 'C0OTHER' });
  });

  it('answers two turns: status while working, a title from the first question, the same answer as a DM, status cleared', async () => {
    const thread = '1700000600.100000';
    await startThread('D71', thread);
    await sendEvent(h.url, panelMessage('D71', thread, 'Will live video matter next year?'), `EvPanel${nextTs()}`);
    await h.fake.waitFor(
      () => answersIn('D71').length === 1 && callsIn('assistant.threads.setStatus', 'D71').length === 2,
      'the first answer and the cleared status',
    );
    expect(callsIn('assistant.threads.setStatus', 'D71').map((call) => call.body.status)).toEqual([PANEL_STATUS, '']);
    expect(callsIn('assistant.threads.setTitle', 'D71').map((call) => call.body.title)).toEqual(['Will live video matter next year?']);
    const [answer] = answersIn('D71');
    expect(answer!.body.thread_ts).toBe(thread);
    expectShowsAnswer(answer!.body.blocks, await answerTo(h.deps, { question: 'Will live video matter next year?' }));
    expect(JSON.stringify(answer!.body.blocks)).toContain('feedback_buttons');

    await sendEvent(h.url, panelMessage('D71', thread, 'and what about B2B?'), `EvPanel${nextTs()}`);
    await h.fake.waitFor(() => answersIn('D71').length === 2 && callsIn('assistant.threads.setStatus', 'D71').length === 4, 'the follow-up');
    expect(callsIn('assistant.threads.setTitle', 'D71')).toHaveLength(1);
    const followUp = await answerTo(h.deps, { question: 'and what about B2B?', history: ['Will live video matter next year?'] });
    expect(followUp.standaloneQuestion).not.toBe('and what about B2B?');
    expectShowsAnswer(answersIn('D71')[1]!.body.blocks, followUp);
  });

  it('clears the status after a failure, which ends in the apology with a reference id', async () => {
    await startThread('D72', '1700000600.200000');
    await sendEvent(h.url, panelMessage('D72', '1700000600.200000', 'BOOM what about video?'), `EvPanel${nextTs()}`);
    await h.fake.waitFor(() => callsIn('assistant.threads.setStatus', 'D72').length === 2, 'the cleared status');
    expect(callsIn('assistant.threads.setStatus', 'D72').at(-1)!.body.status).toBe('');
    expect(String(answersIn('D72')[0]!.body.text)).toMatch(/reference `ref-[0-9a-f]+`/);
  });

  it('still answers when Slack refuses the status', async () => {
    await startThread('D73', '1700000600.300000');
    h.fake.failNext.set('assistant.threads.setStatus', 'not_allowed');
    await sendEvent(h.url, panelMessage('D73', '1700000600.300000', 'Will live video matter next year?'), `EvPanel${nextTs()}`);
    const [answer] = await h.fake.waitFor(() => answersIn('D73').length > 0 && answersIn('D73'), 'the answer');
    expect(String(answer!.body.text)).not.toMatch(/^Sorry/);
    expect(h.logs.some((line) => line.includes('assistant panel call failed') && line.includes('setStatus'))).toBe(true);
  });

  it('continues the DM when a follow-up is typed in an answer’s thread, with no assistant.threads calls', async () => {
    const question = { type: 'message', channel_type: 'im', user: 'U1', text: 'What do CMOs predict for live video?', ts: nextTs(), channel: 'D74' };
    await sendEvent(h.url, { ...question, event_ts: question.ts }, `EvPanel${nextTs()}`);
    const [answer] = await h.fake.waitFor(() => callsIn('chat.postMessage', 'D74').length === 1 && callsIn('chat.postMessage', 'D74'), 'the DM answer');
    expect(answer!.body.thread_ts).toBeUndefined();
    // Typed in the thread under the bot's answer (where "Show more quotes" posts), as Slack sends it.
    const answerTs = String(answer!.reply?.ts);
    await sendEvent(h.url, { ...panelMessage('D74', answerTs, 'does that apply to B2B too?'), parent_user_id: 'U_BOT' }, `EvPanel${nextTs()}`);
    const [followUp] = await h.fake.waitFor(
      () => callsIn('chat.postMessage', 'D74').length === 2 && callsIn('chat.postMessage', 'D74').slice(1),
      'the follow-up',
    );
    expect(followUp!.body.thread_ts).toBe(answerTs);
    const expected = await answerTo(h.deps, { question: 'does that apply to B2B too?', history: ['What do CMOs predict for live video?'] });
    expect(expected.standaloneQuestion).not.toBe('does that apply to B2B too?');
    expectShowsAnswer(followUp!.body.blocks, expected);
    expect(h.fake.calls.filter((call) => call.method.startsWith('assistant.threads.') && (call.body.channel_id ?? call.body.channel) === 'D74')).toEqual([]);
  });
});

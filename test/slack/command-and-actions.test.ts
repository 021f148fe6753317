// End to end over HTTP: /trend (help, sources, ephemeral answer), Share in channel, Show more quotes, 👍/👎.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import type { FeedbackEntry } from '../../src/feedback/feedback-store.js';
import { QUOTES_PER_PAGE } from '../../src/slack/blocks/answer-blocks.js';
import { actionsOf, answerTo, expectShowsAnswer, type Harness, shownQuotes, startHarness } from './harness.js';
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

async function trend(text: string, user = 'U1', where: Record<string, string> = {}) {
  const id = nextResponseId();
  const response = await sendCommand(h.url, { text, user_id: user, response_url: h.fake.responseUrl(id), ...where });
  expect(response.status).toBe(200);
  const [reply] = await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).length > 0 && h.fake.callsTo(`respond:${id}`), `the response to /trend ${text}`);
  return { id, reply: reply!.body };
}

describe('/trend', () => {
  it('shows usage with examples for help', async () => {
    const { reply } = await trend('help');
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('/trend sources');
  });

  it('shows the trend map for no text, and a trend’s button opens one verbatim quote per counted contributor', async () => {
    const map = (await h.deps.trendMap())!;
    for (const text of ['', 'top']) {
      const { reply } = await trend(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.blocks)).toContain('What the 23 contributors speak to most');
    }
    const { reply } = await trend('');
    const buttons = actionsOf(
      (reply.blocks as { accessory?: object }[]).map((block) => ({ type: 'actions', elements: block.accessory ? [block.accessory] : [] })),
    );
    expect(buttons.map(({ value }) => value)).toEqual(
      map.entries
        .filter(({ evidence }) => evidence.length > 0)
        .slice(0, 10)
        .map(({ trend }) => trend.id),
    );
    const abm = buttons.find(({ value }) => value === 'account-based-marketing')!;
    expect(abm).toMatchObject({ action_id: 'trend_quotes', type: 'button' });
    const id = nextResponseId();
    await sendAction(
      h.url,
      blockActions({ type: 'button', action_id: 'trend_quotes', value: abm.value }, { channel: 'C1', ephemeral: true, responseUrl: h.fake.responseUrl(id) }),
    );
    const [answer] = await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).length > 0 && h.fake.callsTo(`respond:${id}`), 'the trend’s quotes');
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer!.body.text)).toMatch(/^2 of the 21 CMOs \(2017\) and none of the 2 blog posts \(2014\) speak to account-based marketing\./);
    const entry = map.entries.find(({ trend }) => trend.id === 'account-based-marketing')!;
    expect(shownQuotes(answer!.body.blocks)).toEqual(entry.evidence.map(({ passage }) => passage.text));
    expect(actionsOf(answer!.body.blocks).map((a) => a.action_id)).toEqual(expect.arrayContaining(['share_answer', 'answer_feedback_up']));
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
    expectShowsAnswer(reply.blocks, await answerTo(h.deps, { question: 'video' }));
    const ids = actionsOf(reply.blocks).map((a) => a.action_id);
    expect(ids).toEqual(expect.arrayContaining(['share_answer', 'answer_feedback_up', 'answer_feedback_down']));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('shares the answer in the channel, saying who shared it', async () => {
    const { reply } = await trend('will live video grow for @channel?', 'U7');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    const id = nextResponseId();
    const click = blockActions(
      { type: 'button', action_id: 'share_answer', value: share.value },
      { channel: 'C1', user: 'U7', ephemeral: true, responseUrl: h.fake.responseUrl(id) },
    );
    expect((await sendAction(h.url, click)).status).toBe(200);
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C1'), 'the shared answer');
    // By name: a mention would ping the clicker.
    expect(JSON.stringify(post.body.blocks)).toContain('Shared by ada');
    expect(post.body.text).toMatch(/^ada shared: /);
    expect(JSON.stringify(post.body)).not.toContain('<@');
    expect(JSON.stringify(post.body)).not.toMatch(/@channel/);
    expect(shownQuotes(post.body.blocks)).toEqual(shownQuotes(reply.blocks));
    await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).some((call) => call.body.delete_original === true), 'the ephemeral answer removed');
  });
});

describe('Share in channel, again and where the bot is not', () => {
  const shareClick = async (value: string, channel: string) => {
    const id = nextResponseId();
    await sendAction(
      h.url,
      blockActions({ type: 'button', action_id: 'share_answer', value }, { channel, user: 'U8', ephemeral: true, responseUrl: h.fake.responseUrl(id) }),
    );
    return id;
  };
  const toldClicker = (id: string) =>
    h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`).find((call) => typeof call.body.text === 'string'), 'the note to the clicker');

  it('posts once when Share is clicked twice quickly; the second click hears "Already shared"', async () => {
    const { reply } = await trend('podcasts', 'U8');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    const [first, second] = await Promise.all([shareClick(share.value!, 'C20'), shareClick(share.value!, 'C20')]);
    const notes = await Promise.all([toldClicker(first), toldClicker(second)]);
    expect(notes.map((note) => note.body.text).sort()).toEqual(['Already shared in the channel.', 'Shared in the channel.']);
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === 'C20')).toHaveLength(1);
  });

  it('names the missing scope to the admin instead of saying "try again"', async () => {
    const { reply } = await trend('live video', 'U8');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    h.fake.failNext.set('chat.postMessage', { error: 'missing_scope', needed: 'chat:write.public', provided: 'chat:write,commands' });
    const note = await toldClicker(await shareClick(share.value!, 'C21'));
    expect(note.body.text).toMatch(/lacks the chat:write\.public permission\. Ask a Slack admin to reinstall/);
    expect(note.body.text).not.toMatch(/try again in a moment/i);
  });

  it('tells a group DM between people that Slack keeps apps out, without the /invite advice', async () => {
    const { reply } = await trend('live video', 'U8');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    h.fake.failNext.set('chat.postMessage', 'channel_not_found');
    const id = nextResponseId();
    const click = blockActions(
      { type: 'button', action_id: 'share_answer', value: share.value },
      { channel: 'G35', user: 'U8', ephemeral: true, responseUrl: h.fake.responseUrl(id) },
    );
    await sendAction(h.url, { ...click, channel: { id: 'G35', name: 'mpdm-ada--bob-1' } });
    const note = await toldClicker(id);
    expect(note.body.text).toMatch(/^I can’t post in this conversation: Slack doesn’t let apps into direct messages between people\./);
    expect(note.body.text).not.toContain('/invite');
  });

  it.each(['not_in_channel', 'channel_not_found'])('says to invite the bot, without "try again", on %s', async (error) => {
    const { reply } = await trend('live video', 'U8');
    const share = actionsOf(reply.blocks).find((a) => a.action_id === 'share_answer')!;
    h.fake.failNext.set('chat.postMessage', error);
    const channel = `G-${error}`;
    const note = await toldClicker(await shareClick(share.value!, channel));
    expect(note.body.text).toBe('I can’t post here: I’m not a member of this conversation. Invite me (/invite @trendbot) and click Share again.');
    expect(note.body.response_type).toBe('ephemeral');
    // Invited, the same answer can be shared after all.
    await toldClicker(await shareClick(share.value!, channel));
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === channel && call.reply?.ok)).toHaveLength(1);
  });
});

describe('where Share is offered', () => {
  const offersShare = async (where: Record<string, string>) =>
    actionsOf((await trend('will live video grow?', 'U9', where)).reply.blocks).some((a) => a.action_id === 'share_answer');

  it('offers Share in channels, public or private, and in group DMs the bot is a member of', async () => {
    expect(await offersShare({ channel_id: 'C30', channel_name: 'marketing' })).toBe(true);
    expect(await offersShare({ channel_id: 'G31', channel_name: 'privategroup' })).toBe(true);
    h.fake.memberOf.add('G32');
    expect(await offersShare({ channel_id: 'G32', channel_name: 'mpdm-ada--bob--trendbot-1' })).toBe(true);
  });

  it('never offers it in a 1:1 DM, nor in a group DM between people without the bot', async () => {
    expect(await offersShare({ channel_id: 'D33', channel_name: 'directmessage' })).toBe(false);
    expect(await offersShare({ channel_id: 'G34', channel_name: 'mpdm-ada--bob-1' })).toBe(false);
    expect(h.fake.callsTo('conversations.info').map((call) => call.body.channel)).not.toContain('D33');
  });
});

describe('response_url failures', () => {
  it('honours Retry-After on a 429, and retries a 5xx twice, before delivering the answer', async () => {
    h.fake.httpFailures.set('respond:retry-429', [{ status: 429, headers: { 'retry-after': '1' } }]);
    h.fake.httpFailures.set('respond:retry-500', [{ status: 500 }, { status: 500 }]);
    await sendCommand(h.url, { text: 'live video', user_id: 'U9', response_url: h.fake.responseUrl('retry-429') });
    await sendCommand(h.url, { text: 'live video', user_id: 'U9', response_url: h.fake.responseUrl('retry-500') });
    const limited = await h.fake.waitFor(
      () => h.fake.callsTo('respond:retry-429').length === 2 && h.fake.callsTo('respond:retry-429'),
      'the answer after the 429',
    );
    const failed = await h.fake.waitFor(
      () => h.fake.callsTo('respond:retry-500').length === 3 && h.fake.callsTo('respond:retry-500'),
      'the answer after two 500s',
    );
    for (const calls of [limited, failed]) {
      expect(calls.every((call) => JSON.stringify(call.body) === JSON.stringify(calls[0]!.body))).toBe(true);
      expectShowsAnswer(calls.at(-1)!.body.blocks, await answerQuestion(h.index.index, { question: 'live video' }));
    }
    expect(
      h.logs.filter((line) => line.includes('response_url failed; retrying') && line.includes('"delayMs":1000') && line.includes('"status":429')),
    ).toHaveLength(1);
    expect(h.logs.filter((line) => line.includes('response_url failed; retrying') && line.includes('"status":500'))).toHaveLength(2);
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
    await sendAction(
      h.url,
      blockActions(
        { type: 'feedback_buttons', action_id: 'answer_feedback', value: `${answerId}:down` },
        { ...place, ephemeral: false, threadTs: '1700000000.000001' },
      ),
    );
    const ack = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the ephemeral acknowledgement');
    expect(ack.body).toMatchObject({ channel: 'C1', user: 'U3', thread_ts: '1700000000.000001' });

    const lines = (await readFile(h.feedbackFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as FeedbackEntry);
    expect(lines.map((l) => l.vote)).toEqual(['up', 'down']);
    const latest = await h.deps.feedback.list();
    expect(latest).toHaveLength(1);
    const answer = await answerQuestion(h.index.index, { question: 'social media and big data' });
    expect(latest[0]).toMatchObject({ user: 'U3', vote: 'down', answerId, question: 'social media and big data' });
    expect(latest[0]!.quotes).toEqual(answer.quotes.map(({ text, file, start, end }) => ({ text, file, start, end })));
    expect(Number.isNaN(Date.parse(latest[0]!.time))).toBe(false);
  });
});

describe('feedback from someone not in the channel', () => {
  it('records the vote and thanks the voter in a DM when Slack refuses the ephemeral note (user_not_in_channel)', async () => {
    const { reply } = await trend('what about chatbots');
    const answerId = actionsOf(reply.blocks)
      .find((a) => a.action_id === 'answer_feedback_up')!
      .value!.split(':')[0]!;
    h.fake.failNext.set('chat.postEphemeral', 'user_not_in_channel');
    const click = blockActions(
      { type: 'feedback_buttons', action_id: 'answer_feedback', value: `${answerId}:up` },
      { channel: 'C50', user: 'U50', threadTs: '1700000000.000050', responseUrl: h.fake.responseUrl(nextResponseId()) },
    );
    await sendAction(h.url, click);
    const dm = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'U50'), 'the DM to the voter');
    expect(dm.body.text).toBe('Thanks for the 👍 — noted. (About the answer in <#C50>.)');
    expect((await h.deps.feedback.list()).some((entry) => entry.user === 'U50' && entry.answerId === answerId && entry.vote === 'up')).toBe(true);
    expect(h.logs.some((line) => line.includes('failed to send the apology'))).toBe(false);
  });
});

describe('Show more quotes', () => {
  it('is offered when there is more evidence than one page shows, and shows the next page', async () => {
    const { reply } = await trend('What do the CMOs and the 2014 posts say about social media?');
    const more = actionsOf(reply.blocks).find((a) => a.action_id === 'show_more_quotes');
    expect(more?.value).toMatch(new RegExp(`:${QUOTES_PER_PAGE}$`));
    expect(shownQuotes(reply.blocks)).toHaveLength(QUOTES_PER_PAGE);
  });

  it('tells only the clicker when the answer has expired, even in a thread', async () => {
    const id = nextResponseId();
    await sendAction(
      h.url,
      blockActions(
        { type: 'button', action_id: 'show_more_quotes', value: 'ans-gone:5' },
        { channel: 'C6', threadTs: '1700000000.000010', responseUrl: h.fake.responseUrl(id) },
      ),
    );
    const note = await h.fake.waitFor(() => h.fake.callsTo(`respond:${id}`)[0], 'the private note');
    expect(note.body).toMatchObject({ response_type: 'ephemeral', text: 'These quotes are no longer available. Ask the question again to see them.' });
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === 'C6')).toHaveLength(0);
  });

  it('posts the quotes a trimmed answer left out in the same thread', async () => {
    const question = 'content marketing';
    const answer = await answerQuestion(h.index.index, { question });
    expect(answer.quotes.length).toBeGreaterThan(1);
    // Store an answer as if it had been trimmed after its first quote.
    await h.deps.answers.save({ id: 'ans-trimmed', answer, shownUntil: 1 });
    const click = blockActions(
      { type: 'button', action_id: 'show_more_quotes', value: 'ans-trimmed:1' },
      { channel: 'C5', threadTs: '1700000000.000009', responseUrl: h.fake.responseUrl('unused') },
    );
    await sendAction(h.url, click);
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C5'), 'the rest of the quotes');
    expect(post.body.thread_ts).toBe('1700000000.000009');
    expect(shownQuotes(post.body.blocks)).toEqual(answer.quotes.slice(1).map((q) => q.text));
  });
});

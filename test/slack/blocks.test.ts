// Exact values for the pure Block Kit builders: escaping, quoting, trimming to Slack's limits.
import { describe, expect, it } from 'vitest';
import type { Answer, Quote } from '../../src/answer/types.js';
import { answerMessage, BLOCK_TEXT_BUDGET, MAX_BLOCKS, QUOTES_PER_PAGE, SECTION_TEXT_MAX } from '../../src/slack/blocks/answer-blocks.js';
import { escapeMrkdwn, truncate, unlinkable } from '../../src/slack/blocks/escape.js';
import { apologyMessage, helpMessage, rateLimitedMessage, sourcesMessage } from '../../src/slack/blocks/notice-blocks.js';
import { MAP_TRENDS, trendMapMessage } from '../../src/slack/blocks/trend-map-blocks.js';
import type { TrendMap } from '../../src/trends/trend-map.js';

const quote = (text: string, extra: Partial<Quote> = {}): Quote => ({
  text,
  speaker: 'CMO at Balabit',
  file: 'corpus/x.md',
  start: 10,
  end: 10 + text.length,
  title: 'Digital marketing trends 2017',
  publisher: '7 Digits',
  year: 2017,
  section: 's',
  score: 0.1,
  ...extra,
});
const answerOf = (quotes: Quote[], lead = '2 quotes from 1 source on “video”, most relevant first:'): Answer => ({
  question: 'video',
  standaloneQuestion: 'video',
  mode: 'extractive',
  answer: lead,
  quotes,
});

const richQuote = (text: string) => ({ type: 'rich_text', elements: [{ type: 'rich_text_quote', elements: [{ type: 'text', text }] }] });

describe('escaping', () => {
  it('escapes &, < and > so no mention, @channel or link can form', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x.example|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x.example|y&gt;');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });

  it('keeps echoed web addresses from becoming links, invisibly', () => {
    const shown = unlinkable('what does someone think about video https://evil.example/login? E.g. this. Next.');
    expect(shown).not.toMatch(/https?:\/\//);
    expect(shown).not.toContain('evil.example');
    expect(shown.replaceAll('\u2060', '')).toBe('what does someone think about video https://evil.example/login? E.g. this. Next.');
  });

  it('truncates with an ellipsis and never splits an entity', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('abc &amp; d', 8)).toBe('abc…');
    // A long model summary ends at a sentence, never inside a citation.
    const summary = Array.from({ length: 80 }, (_, i) => `Sentence ${i} says something about video [${(i % 9) + 1}].`).join(' ');
    const cut = truncate(summary, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/\[\d\]\. …$/);
    expect(truncate('Live video [1', 12)).toBe('Live video…');
  });
});

describe('answerMessage', () => {
  it('shows a hostile file name, speaker and title as plain text: nothing formats, links or pings', () => {
    const hostile = quote('Growth will come from video.', {
      file: 'corpus/ping <!here> & co.md',
      speaker: '<!everyone> `Ops`',
      title: 'Growth <!channel> & *Hacks* _2025_',
    });
    const [, source] = answerMessage({ answerId: 'ans-h', answer: answerOf([hostile]) }).blocks.slice(1);
    expect(source).toEqual({
      type: 'context',
      elements: [
        {
          type: 'plain_text',
          emoji: false,
          text: '— <!everyone> `Ops` · Growth <!channel> & *Hacks* _2025_, 7 Digits (2017) · corpus/ping <!here> & co.md:10-38',
        },
      ],
    });
  });

  it('shows a quote as rich text, so its characters appear as they are: no mrkdwn emphasis, no escaping', () => {
    const text = 'Use *all* the _data_ ~now~ & <@U1> `code`.';
    const message = answerMessage({ answerId: 'ans-1', answer: answerOf([quote(text)]) });
    expect(message.blocks[1]).toEqual(richQuote(text));
  });

  it('builds the lead, one quoted section and a source context per quote, and feedback buttons', () => {
    const message = answerMessage({ answerId: 'ans-1', answer: answerOf([quote('Video <b> & "live" will grow.')]) });
    expect(message.text).toBe('2 quotes from 1 source on “video”, most relevant first:');
    expect(message.shownUntil).toBe(1);
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '2 quotes from 1 source on “video”, most relevant first:' } },
      richQuote('Video <b> & "live" will grow.'),
      {
        type: 'context',
        elements: [{ type: 'plain_text', text: '— CMO at Balabit · Digital marketing trends 2017, 7 Digits · corpus/x.md:10-39', emoji: false }],
      },
      {
        type: 'context_actions',
        elements: [
          {
            type: 'feedback_buttons',
            action_id: 'answer_feedback',
            positive_button: { text: { type: 'plain_text', text: '👍', emoji: true }, value: 'ans-1:up', accessibility_label: 'This answer was useful' },
            negative_button: { text: { type: 'plain_text', text: '👎', emoji: true }, value: 'ans-1:down', accessibility_label: 'This answer was not useful' },
          },
        ],
      },
    ]);
  });

  it('adds Share and plain 👍/👎 buttons for ephemeral answers, and who shared a shared one', () => {
    const ephemeral = answerMessage({ answerId: 'ans-2', answer: answerOf([quote('a')]), shareable: true, feedback: 'buttons' });
    expect(ephemeral.blocks.slice(-2)).toEqual([
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'share_answer', text: { type: 'plain_text', text: 'Share in channel', emoji: true }, value: 'ans-2', style: 'primary' },
        ],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'answer_feedback_up', text: { type: 'plain_text', text: '👍', emoji: true }, value: 'ans-2:up' },
          { type: 'button', action_id: 'answer_feedback_down', text: { type: 'plain_text', text: '👎', emoji: true }, value: 'ans-2:down' },
        ],
      },
    ]);
    const shared = answerMessage({ answerId: 'ans-2', answer: answerOf([quote('a')]), sharedBy: 'ada', feedback: 'none' });
    expect(shared.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by ada' }] });
  });

  it('trims to the text budget with a Show more quotes button that continues where it stopped', () => {
    const quotes = [quote('x'.repeat(40)), quote('y'.repeat(40)), quote('z'.repeat(40))];
    const message = answerMessage({ answerId: 'ans-3', answer: answerOf(quotes, 'lead'), budget: 260, feedback: 'none' });
    expect(message.shownUntil).toBe(2);
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'show_more_quotes', text: { type: 'plain_text', text: 'Show more quotes', emoji: true }, value: 'ans-3:2' }],
    });
    const rest = answerMessage({ answerId: 'ans-3', answer: answerOf(quotes, 'lead'), from: 2, budget: 260, feedback: 'none' });
    expect(rest.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'More quotes on “video” (from quote 3 of 3):' } });
    expect(rest.shownUntil).toBe(3);
    expect(rest.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('stays within 50 blocks, 3000 characters per section and the total budget for huge answers', () => {
    const quotes = Array.from({ length: 40 }, (_, i) => quote(`${i} ${'&'.repeat(4000)}`));
    const message = answerMessage({ answerId: 'ans-4', answer: answerOf(quotes), shareable: true });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    const texts = message.blocks.flatMap((block) =>
      block.type === 'section' ? [block.text!.text] : block.type === 'context' ? block.elements.map((e) => ('text' in e ? e.text : '')) : [],
    );
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(texts.join('').length).toBeLessThanOrEqual(BLOCK_TEXT_BUDGET + SECTION_TEXT_MAX);
    expect(message.shownUntil).toBeGreaterThanOrEqual(1);
    expect(message.shownUntil).toBeLessThan(40);
    const many = answerMessage({ answerId: 'ans-5', answer: answerOf(Array.from({ length: 60 }, (_, i) => quote(`q${i}`))) });
    expect(many.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    // Five quotes a page, whatever room is left: the rest sit behind "Show more quotes".
    expect(many.shownUntil).toBe(QUOTES_PER_PAGE);
    expect(JSON.stringify(many.blocks)).toContain(`"value":"ans-5:${QUOTES_PER_PAGE}"`);
  });
});

describe('notices', () => {
  it('lists sources with year and contributors, escaped', () => {
    expect(
      sourcesMessage([
        { file: 'a', title: 'A & <B>', year: 2014, contributors: 1 },
        { file: 'b', title: 'C', contributors: 21 },
      ]).blocks,
    ).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'I quote from 2 documents:' } },
      { type: 'section', text: { type: 'mrkdwn', text: '• *A &amp; &lt;B&gt;* (2014) — 1 contributor\n• *C* — 21 contributors' } },
    ]);
  });

  it('has fixed texts for apology, rate limit and help', () => {
    expect(apologyMessage('ref-1').text).toBe('Sorry, something went wrong while answering. Please try again in a moment. (reference `ref-1`)');
    expect(rateLimitedMessage(10, 42).text).toBe('You have asked 10 questions in the last minute — that is my limit. Please try again in about 42 seconds.');
    expect(helpMessage().text).toBe('How to ask trendbot about marketing trends');
  });
});

describe('answerMessage for LLM answers and fallbacks', () => {
  const llmAnswer: Answer = {
    ...answerOf([quote('Live video will grow.'), quote('Bots <will> help.', { speaker: 'CMO #3', start: 50, end: 67 })]),
    mode: 'llm',
    answer: 'Video grows [1] & bots <help> [2].',
  };

  it('leads with the escaped synthesis, citations kept, then the quotes numbered as cited', () => {
    const message = answerMessage({ answerId: 'ans-2', answer: llmAnswer, feedback: 'none' });
    expect(message.text).toBe('Video grows [1] &amp; bots &lt;help&gt; [2].');
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Video grows [1] &amp; bots &lt;help&gt; [2].' } },
      richQuote('Live video will grow.'),
      {
        type: 'context',
        elements: [{ type: 'plain_text', text: '[1] — CMO at Balabit · Digital marketing trends 2017, 7 Digits · corpus/x.md:10-31', emoji: false }],
      },
      richQuote('Bots <will> help.'),
      { type: 'context', elements: [{ type: 'plain_text', text: '[2] — CMO #3 · Digital marketing trends 2017, 7 Digits · corpus/x.md:50-67', emoji: false }] },
    ]);
  });

  it('keeps the numbers on "Show more quotes" pages', () => {
    const message = answerMessage({ answerId: 'ans-2', answer: llmAnswer, from: 1, feedback: 'none' });
    expect(JSON.stringify(message.blocks)).toContain('[2] — CMO #3');
    expect(JSON.stringify(message.blocks)).not.toContain('[1] —');
  });

  it('shows the note above an extractive fallback, and no numbers', () => {
    const fallback: Answer = {
      ...answerOf([quote('Live video will grow.')]),
      fallbackReason: 'llm_unavailable',
      note: 'The AI summary is not available right now, so here are the quotes themselves.',
    };
    const message = answerMessage({ answerId: 'ans-3', answer: fallback, feedback: 'none' });
    expect(message.blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '_The AI summary is not available right now, so here are the quotes themselves._' }],
    });
    expect(message.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '2 quotes from 1 source on “video”, most relevant first:' } });
    expect(JSON.stringify(message.blocks)).not.toContain('[1] —');
  });
});

describe('trendMapMessage', () => {
  const contributor = { file: 'a.md', speaker: 'CMO #1', title: 'A', year: 2017 };
  const passage = { id: 'a.md#0', text: 'x', file: 'a.md', start: 0, end: 1, section: '', speaker: 'CMO #1', title: 'A', year: 2017 };
  const map = (names: string[]): TrendMap => ({
    contributors: [contributor, { ...contributor, speaker: 'CMO #2' }],
    phrasings: [],
    entries: names.map((name, i) => ({ trend: { id: `t${i}`, name, description: 'd', seeds: [] }, evidence: [{ contributor, passage, score: 0.3 }] })),
  });

  it('shows a trend file’s names as plain text, with one button per trend', () => {
    const message = trendMapMessage(map(['<!channel> *Growth* _hacks_ <https://evil.example|click>']));
    const [, trend] = message.blocks as { text: { type: string; text: string }; accessory?: { action_id: string; value: string } }[];
    expect(trend!.text).toMatchObject({
      type: 'plain_text',
      text: '<!channel> *Growth* _hacks_ <https://evil.example|click> — 1 of the 2 CMOs (2017) speaks to <!channel> *Growth* _hacks_ <https://evil.example|click>.',
    });
    expect(trend!.accessory).toMatchObject({ action_id: 'trend_quotes', value: 't0' });
  });

  it('lists at most MAP_TRENDS trends and says how many more there are', () => {
    const message = trendMapMessage(map(Array.from({ length: MAP_TRENDS + 3 }, (_, i) => `Trend ${i}`)));
    expect(message.blocks.filter((block) => block.type === 'section')).toHaveLength(MAP_TRENDS + 1);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('3 more trends');
  });
});

// Which questions the trend map answers, and how; the rest go to retrieval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { answerFromTrendMap, trendIntent } from '../../src/answer/trend-questions.js';
import { openTrendMap, type LoadedTrendMap } from '../../src/trends/open-trend-map.js';
import { tempIndex, testPassages, type TempIndex } from '../helpers/temp-index.js';

describe('trendIntent', () => {
  it.each([
    ['How many CMOs mention personalization?', { kind: 'count', topic: 'personalization' }],
    ['how many of the contributors talk about live video in 2017?', { kind: 'count', topic: 'live video' }],
    ['How widespread is account-based marketing?', { kind: 'count', topic: 'account-based marketing' }],
    ['Which CMOs talk about content marketing?', { kind: 'which', topic: 'content marketing' }],
    ['Who else brings up chatbots?', { kind: 'which', topic: 'chatbots' }],
    ['which of the CMOs write about influencers', { kind: 'which', topic: 'influencers' }],
    ['What do the CMOs say about VR?', { kind: 'topic', topic: 'VR' }],
    ['what about ABM?', { kind: 'topic', topic: 'ABM' }],
    ['video', { kind: 'topic', topic: 'video' }],
    ['Which trends come up most?', { kind: 'top' }],
    ['top', { kind: 'top' }],
    ['What changed between 2014 and 2017?', { kind: 'compare', years: [2014, 2017] }],
  ])('%s', (question, intent) => {
    expect(trendIntent(question)).toEqual(intent);
  });

  it.each([
    'How many tweets are sent every minute according to the 2014 post?',
    'What percentage of consumers are influenced by online reviews?',
    'How many Instagram followers does Nike have?',
    'Who believes salespeople will stop phoning strangers?',
    'What will happen with live video next year and why does it matter so much?',
  ])('leaves "%s" to retrieval', (question) => {
    expect(trendIntent(question)).toBeUndefined();
  });
});

describe('answers from the trend map', () => {
  let index: TempIndex;
  let map: LoadedTrendMap;
  beforeAll(async () => {
    index = await tempIndex();
    map = await openTrendMap(index.config, testPassages(index));
  }, 120_000);
  afterAll(async () => {
    await index?.cleanup();
  });
  const ask = (question: string, history: string[] = []) => answerQuestion(index.index, { question, history }, { trends: async () => map });

  it('gives the count and one quote per counted contributor first, whatever the phrasing of the topic', async () => {
    for (const question of ['Which CMOs mention ABM?', 'How many CMOs talk about account-based marketing?', 'ABM']) {
      const answer = await ask(question);
      expect(answer.consensus, question).toMatchObject({ trend: 'account-based-marketing', contributors: 2, total: 23, year: 2017 });
      // The counted contributors' quotes first; a bare topic may add its other passages after them.
      expect(
        answer.quotes
          .slice(0, 2)
          .map((quote) => quote.speaker)
          .sort(),
      ).toEqual(['CMO at Balabit', 'CMO at Folloze']);
      if (question !== 'ABM') expect(answer.quotes).toHaveLength(2);
      expect(answer.answer).toMatch(/^2 of the 21 CMOs \(2017\) and none of the 2 blog posts \(2014\) speak to account-based marketing\./);
    }
  });

  it('follows up "how many of them think so?" on the topic asked before', async () => {
    const answer = await ask('How many of them talk about it?', ['What do the CMOs say about influencer marketing?']);
    expect(answer.consensus?.trend).toBe('influencer-marketing');
  });

  it('lists the top trends with their counts, and compares years with quotes grouped by year', async () => {
    const top = await ask('Which trends come up most?');
    const [first] = map.entries;
    expect(top.answer).toContain(`${first!.trend.name} (${first!.evidence.length})`);
    expect(top.quotes.length).toBeGreaterThan(0);
    const changed = await ask('What changed between 2014 and 2017?');
    expect(changed.answer).toMatch(/^Most spoken to in 2014 \(2 contributors\): .*; in 2017 \(21\): /);
    const years = changed.quotes.map((quote) => quote.year);
    expect(years).toEqual([...years].sort());
    expect(new Set(years)).toEqual(new Set([2014, 2017]));
  });

  it('searches the topic alone when a count is asked about something no trend covers', async () => {
    expect(await answerFromTrendMap('How many CMOs mention radio?', [], map, index.index)).toEqual({ searchFor: 'radio' });
    const answer = await ask('How many CMOs mention radio?');
    expect(answer.quotes).toEqual([]);
    expect(answer.answer).toContain('never mentions “radio”');
  });

  it('answers other questions by retrieval', async () => {
    const answer = await ask('Who believes salespeople will stop phoning strangers?');
    expect(answer.consensus).toBeUndefined();
    expect(answer.quotes[0]?.text).toContain('cold-calling');
  });
});

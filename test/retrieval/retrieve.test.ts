// Retrieval behaviour on the real corpus: relevance floor, diversity, filters, and hybrid against BM25 alone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadCases } from '../../src/eval/load-cases.js';
import { runEval } from '../../src/eval/run-eval.js';
import { retrieve, type Retriever } from '../../src/retrieval/retrieve.js';
import { tempIndex, type TempIndex } from '../helpers/temp-index.js';

let temp: TempIndex;
beforeAll(async () => {
  temp = await tempIndex();
});
afterAll(() => temp.cleanup());

describe('retrieve', () => {
  it('finds the live-video predictions at the top', async () => {
    const hits = await retrieve(temp.index, { question: 'What will happen with live video?' });
    const top = hits.slice(0, 2).map((hit) => hit.passage.text);
    expect(top.some((text) => text.includes('2017 will bring a rise in live video'))).toBe(true);
    expect(top.every((text) => text.includes('live video'))).toBe(true);
  });

  it('copes with words that are also JavaScript property names', async () => {
    for (const question of ['Will construction firms hire a constructor for video?', 'toString __proto__ hasOwnProperty']) {
      await expect(retrieve(temp.index, { question }), question).resolves.toBeInstanceOf(Array);
    }
  });

  it('returns nothing for a question the corpus does not cover', async () => {
    for (const question of ['What is the best recipe for chocolate cake?', 'What do CMOs predict about blockchain?', 'How tall is Mount Everest?']) {
      expect(await retrieve(temp.index, { question }), question).toEqual([]);
    }
  });

  it('does not answer about a kind of thing the corpus never mentions with passages about the thing in general', async () => {
    const general = await retrieve(temp.index, { question: 'What will happen to advertising budgets?' });
    expect(general.some((hit) => hit.passage.text.includes('advertising budget moving from Google to Facebook'))).toBe(true);
    for (const question of ['What will happen to radio advertising budgets?', 'What about billboard advertising?', 'Will TikTok video replace live video?']) {
      expect(await retrieve(temp.index, { question }), question).toEqual([]);
    }
    const answer = await answerQuestion(temp.index, { question: 'What will happen to radio advertising budgets?' });
    expect(answer.answer).toContain('it never mentions “radio”.');
  });

  it('quotes several speakers rather than one speaker many times', async () => {
    const hits = await retrieve(temp.index, { question: 'personalization' }, { k: 5 });
    const perSpeaker = new Map<string, number>();
    for (const hit of hits) perSpeaker.set(hit.passage.speaker, (perSpeaker.get(hit.passage.speaker) ?? 0) + 1);
    expect(Math.max(...perSpeaker.values())).toBeLessThanOrEqual(2);
    expect(perSpeaker.size).toBeGreaterThan(2);
  });

  it('filters by year and by file', async () => {
    const byYear = await retrieve(temp.index, { question: 'social media marketing' }, { year: 2014 });
    expect(byYear.length).toBeGreaterThan(0);
    expect(byYear.every((hit) => hit.passage.year === 2014)).toBe(true);
    const byFile = await retrieve(temp.index, { question: 'social media' }, { file: '2014-social-media-and-big-data.md' });
    expect(byFile.length).toBeGreaterThan(0);
    expect(byFile.every((hit) => hit.passage.file.endsWith('2014-social-media-and-big-data.md'))).toBe(true);
  });

  it('finds an acronym through the long form the corpus defines', async () => {
    const hits = await retrieve(temp.index, { question: 'artificial intelligence' });
    expect(hits.some((hit) => /\bAI\b/.test(hit.passage.text) && !hit.passage.text.includes('Artificial'))).toBe(true);
  });

  it('knows common marketing abbreviations, but an abbreviation needs its whole long form', async () => {
    const vr = await retrieve(temp.index, { question: 'What do CMOs think about virtual reality?' });
    expect(vr[0]?.passage.text).toContain('VR would start to be more used');
    expect(await retrieve(temp.index, { question: 'SEO' })).toEqual([]);
  });

  it('weighs the topic word over everyday words: "important" does not outweigh "personalization"', async () => {
    const hits = await retrieve(temp.index, { question: 'Why is personalization important?' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => /personali[sz]/i.test(hit.passage.text))).toBe(true);
  });

  it('answers a follow-up in the context of the earlier question', async () => {
    const answer = await answerQuestion(temp.index, { question: 'And what about audio?', history: ['What do CMOs say about content marketing moving beyond text?'] });
    expect(answer.quotes[0]?.text).toContain('audio in the form of podcasts');
  });

  it('returns only verbatim quotes on the dev questions, and hybrid recall is not below BM25 alone', async () => {
    const cases = await loadCases('test/fixtures/dev.jsonl');
    const evaluate = (retriever: Retriever) =>
      runEval(cases, async (testCase) => (await answerQuestion(temp.index, { question: testCase.question, history: testCase.context }, { retriever })).quotes);
    const hybrid = (await evaluate('hybrid')).summary.at(-1)!;
    const bm25 = (await evaluate('bm25')).summary.at(-1)!;
    expect(hybrid.verbatim).toBe(1);
    expect(hybrid.recallAtK!).toBeGreaterThanOrEqual(bm25.recallAtK!);
    expect(hybrid.recallAtK!).toBeGreaterThanOrEqual(0.8);
    for (const quote of (await answerQuestion(temp.index, { question: 'video' })).quotes) {
      expect(readFileSync(quote.file, 'utf8').slice(quote.start, quote.end)).toBe(quote.text);
    }
  });
});

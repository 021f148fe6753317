// Exact values for verification after generation: citations, quoted spans, verbatim matching, the rebuilt text.
import { describe, expect, it } from 'vitest';
import { verifyAnswer } from '../../src/answer/verify-answer.js';
import { findCitations, formatCitations, isValidCitation } from '../../src/answer/verify-citations.js';
import { findQuotedSpans, isVerbatimIn, normalizeForMatch } from '../../src/answer/verify-quotes.js';

const PASSAGES = [
  '2017 will bring a rise in live video. Brands will “go live”   on every channel.',
  'Account-based marketing (ABM) won’t slow down.',
  'Podcasts are the new radio.',
];

describe('findCitations', () => {
  it('finds single and grouped citations with their offsets', () => {
    expect(findCitations('Video [1], ABM [2, 3] and [4;5].')).toEqual([
      { start: 6, end: 9, numbers: [1] },
      { start: 15, end: 21, numbers: [2, 3] },
      { start: 26, end: 31, numbers: [4, 5] },
    ]);
    expect(findCitations('No [x] or [] or [1a] here.')).toEqual([]);
  });

  it('knows which numbers name a passage', () => {
    expect([0, 1, 3, 4, 1.5].map((n) => isValidCitation(n, 3))).toEqual([false, true, true, false, false]);
  });

  it('formats renumbered citations without repeats, dropping unknown numbers', () => {
    const renumber = new Map([
      [1, 1],
      [3, 2],
    ]);
    expect(formatCitations([3, 1, 3, 9], renumber)).toBe('[2][1]');
    expect(formatCitations([9], renumber)).toBe('');
  });
});

describe('findQuotedSpans', () => {
  it.each([
    ['«a made-up quote»', 'a made-up quote'],
    ['„a made-up quote“', 'a made-up quote'],
    ['»a made-up quote«', 'a made-up quote'],
    ['‹a made-up quote›', 'a made-up quote'],
    ['「a made-up quote」', 'a made-up quote'],
    ['『a made-up quote』', 'a made-up quote'],
    ['‚a made-up quote‘', 'a made-up quote'],
    ['＂a made-up quote＂', 'a made-up quote'],
  ])('finds a quotation in %s', (quoted, inner) => {
    expect(findQuotedSpans(`The CMO says ${quoted} [1].`).map((span) => span.inner)).toEqual([inner]);
  });

  it('drops a sentence that names a speaker none of its cited passages is by', () => {
    const passages = ['For me 2017 is going to be the year of account-based marketing.', 'Video is a powerful tool to get a marketing message going viral.'];
    const speakers = ['CMO at Balabit', 'CMO #20'];
    const wrong = verifyAnswer('ABM leads [1]. The CMO at Balabit says video is “a powerful tool” [2].', passages, speakers);
    expect(wrong.text).toBe('ABM leads [1].');
    expect(wrong.verification).toMatchObject({ attributionsDropped: 1, quotesDropped: 0 });
    const right = verifyAnswer('The CMO at Balabit calls 2017 the year of ABM [1]. CMO #20 finds video “a powerful tool” [2].', passages, speakers);
    expect(right.text).toBe('The CMO at Balabit calls 2017 the year of ABM [1]. CMO #20 finds video “a powerful tool” [2].');
    expect(right.verification.attributionsDropped).toBe(0);
  });

  it('drops a sentence whose made-up quote is in any quotation style', () => {
    for (const [open, close] of [
      ['«', '»'],
      ['„', '“'],
      ['「', '」'],
      ['‹', '›'],
    ]) {
      const checked = verifyAnswer(`Live video rises [1]. One CMO calls it ${open}the end of television${close} [1].`, PASSAGES);
      expect(checked.verification, open).toMatchObject({ quotesChecked: 1, quotesDropped: 1 });
      expect(checked.text).toBe('Live video rises [1].');
    }
  });

  it('finds straight and curly quotes, not empty ones, not across lines', () => {
    expect(findQuotedSpans('He said "live video" and “go live”; "" and "12" "a\nb"')).toEqual([
      { start: 8, end: 20, inner: 'live video' },
      { start: 25, end: 34, inner: 'go live' },
      { start: 43, end: 47, inner: '12' },
    ]);
  });

  it('finds single-quoted spans too, without taking apostrophes for quotation marks', () => {
    expect(findQuotedSpans("A CMO says ‘live video won’t wait’ and the customers' data")).toEqual([{ start: 11, end: 34, inner: 'live video won’t wait' }]);
    expect(findQuotedSpans("They call it 'the new radio' but don't say 'why'")).toEqual([{ start: 13, end: 28, inner: 'the new radio' }]);
  });
});

describe('isVerbatimIn', () => {
  it('normalises whitespace and quote styles on both sides', () => {
    expect(normalizeForMatch('  “a”  ‘b’\n c ')).toBe('"a" \'b\' c');
    expect(isVerbatimIn('Brands will "go live" on every channel', PASSAGES[0]!)).toBe(true);
    expect(isVerbatimIn("ABM) won't slow down", PASSAGES[1]!)).toBe(true);
  });

  it('forgives a full stop the model added, nothing else', () => {
    expect(isVerbatimIn('Podcasts are the new radio.', PASSAGES[2]!)).toBe(true);
    expect(isVerbatimIn('podcasts are the new radio', PASSAGES[2]!)).toBe(false);
    expect(isVerbatimIn('Podcasts are the new TV', PASSAGES[2]!)).toBe(false);
    expect(isVerbatimIn('Podcasts ... radio', PASSAGES[2]!)).toBe(false);
  });

  it('matches whole words only', () => {
    expect(isVerbatimIn('live vid', PASSAGES[0]!)).toBe(false);
    expect(isVerbatimIn('ive video', PASSAGES[0]!)).toBe(false);
    expect(isVerbatimIn('live video', PASSAGES[0]!)).toBe(true);
    expect(isVerbatimIn('...', PASSAGES[0]!)).toBe(false);
  });
});

describe('verifyAnswer', () => {
  it('keeps a sound answer and renumbers its citations in order of first citation', () => {
    expect(verifyAnswer('Audio is “the new radio” [3]. Video rises [1].', PASSAGES)).toEqual({
      text: 'Audio is “the new radio” [1]. Video rises [2].',
      cited: [3, 1],
      verification: { quotesChecked: 1, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 },
    });
  });

  it('removes the sentence of a quote not in the passage its sentence cites', () => {
    expect(verifyAnswer('A CMO says "video will replace TV" [1]. ABM won’t slow down [2].', PASSAGES)).toEqual({
      text: 'ABM won’t slow down [1].',
      cited: [2],
      verification: { quotesChecked: 1, quotesDropped: 1, citationsDropped: 0, attributionsDropped: 0 },
    });
    // Verbatim, but in another passage than the one cited.
    expect(verifyAnswer('One says "the new radio" [1]. Video rises [1].', PASSAGES).text).toBe('Video rises [1].');
    // Single quotation marks are checked as well.
    expect(verifyAnswer('A CMO says ‘live video will replace all TV by 2018’ [1]. ABM won’t slow down [2].', PASSAGES).verification).toEqual({
      quotesChecked: 1,
      quotesDropped: 1,
      citationsDropped: 0,
      attributionsDropped: 0,
    });
    // A quote with no citation in its sentence cannot be checked.
    expect(verifyAnswer('They say "the new radio". Video rises [1].', PASSAGES).verification.quotesDropped).toBe(1);
  });

  it('removes citations of passages not given, and sentences that cited only those', () => {
    expect(verifyAnswer('Podcasts matter [3][9]. Budgets move [9]. Video [1, 9] grows.', PASSAGES)).toEqual({
      text: 'Podcasts matter [1]. Video [2] grows.',
      cited: [3, 1],
      verification: { quotesChecked: 0, quotesDropped: 0, citationsDropped: 3, attributionsDropped: 0 },
    });
  });

  it('does not split a sentence at a full stop inside a quote, and keeps citations after a full stop with it', () => {
    expect(verifyAnswer('A CMO: "2017 will bring a rise in live video. Brands will" [1]. Podcasts grow. [3] ABM too.', PASSAGES)).toEqual({
      text: 'A CMO: "2017 will bring a rise in live video. Brands will" [1]. Podcasts grow. [2] ABM too.',
      cited: [1, 3],
      verification: { quotesChecked: 1, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 },
    });
    // Were the sentence split at the quote's full stop, the quote would have no citation and be dropped.
    expect(verifyAnswer('"a rise in live video. Brands will" [1].', PASSAGES).verification.quotesDropped).toBe(0);
    // The citation after "grow." belongs to that sentence: dropping the next one keeps it.
    expect(verifyAnswer('Podcasts grow. [3] They say "nothing like this" [1].', PASSAGES).text).toBe('Podcasts grow. [1]');
  });

  it('keeps paragraphs, and leaves nothing cited when nothing was', () => {
    expect(verifyAnswer('Video rises [1].\n\nABM [2].', PASSAGES).text).toBe('Video rises [1].\n\nABM [2].');
    expect(verifyAnswer('The passages do not answer this question.', PASSAGES)).toEqual({
      text: 'The passages do not answer this question.',
      cited: [],
      verification: { quotesChecked: 0, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 },
    });
    expect(verifyAnswer('Only "made up" [1].', PASSAGES)).toEqual({
      text: '',
      cited: [],
      verification: { quotesChecked: 1, quotesDropped: 1, citationsDropped: 0, attributionsDropped: 0 },
    });
  });
});

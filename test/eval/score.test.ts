import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/answer/types.js';
import { coversGold, scoreCase, summarize } from '../../src/eval/score.js';

const content = 'Intro. Video will rise. Audio too. Nothing else.';
const quote = (text: string, score = 0): Quote => {
  const start = content.indexOf(text);
  return { text, file: 'f.md', start, end: start + text.length, speaker: 's', title: 't', section: '', score };
};

describe('eval scoring', () => {
  it('counts a gold string as found when a quote covers at least half of it', () => {
    expect(coversGold(quote('Audio too.'), content, 'Video will rise. Audio too.')).toBe(false);
    expect(coversGold(quote('Video will rise. Audio'), content, 'Video will rise. Audio too.')).toBe(true);
    expect(coversGold(quote('Nothing else.'), content, 'Video will rise.')).toBe(false);
  });

  it('scores recall, reciprocal rank, negatives and verbatim quotes', () => {
    const read = () => content;
    const forged = { ...quote('Audio too.'), text: 'Audio too!' };
    const positive = scoreCase(
      { id: 'a', question: 'q', kind: 'multi', gold: ['Video will rise.', 'Audio too.'] },
      [quote('Intro.'), quote('Audio too.'), forged],
      read,
    );
    expect(positive).toEqual({ id: 'a', kind: 'multi', recall: 0.5, found: true, reciprocalRank: 0.5, quotesReturned: 3, quotesVerbatim: 2 });
    const negative = scoreCase({ id: 'b', question: 'q', kind: 'negative', gold: [] }, [], read);
    expect(negative).toMatchObject({ negativeCorrect: true });
    const overall = summarize([positive, negative]).at(-1);
    expect(overall).toEqual({ kind: 'overall', questions: 2, recallAtK: 0.5, foundAtK: 1, mrr: 0.5, negativeAccuracy: 1, verbatim: 2 / 3 });
  });
});

// Typo tolerance as a class: every slip of the fingers (two letters swapped, one dropped, one doubled) in any longer
// word of the corpus finds that word again, and short or known words are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bm25Weights } from '../../src/retrieval/retrieve.js';
import { closeTerms, isEnglishWord } from '../../src/retrieval/typos.js';
import { tempIndex, type TempIndex } from '../helpers/temp-index.js';

let temp: TempIndex;
beforeAll(async () => {
  temp = await tempIndex();
});
afterAll(() => temp.cleanup());

const slips = (word: string): string[] => {
  const i = Math.floor(word.length / 2);
  return [word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), word.slice(0, i) + word.slice(i + 1), word.slice(0, i) + word[i] + word.slice(i)];
};

describe('typo tolerance', () => {
  it('finds a corpus term of 6 letters or more from each kind of slip, unless another corpus term is as close', async () => {
    const vocabulary = await temp.index.vocabulary();
    const long = vocabulary.filter((term) => term.length >= 6 && /^[a-z]+$/.test(term));
    expect(long.length).toBeGreaterThan(200);
    const typos = long.flatMap((term) =>
      slips(term)
        .filter((slip) => !vocabulary.includes(slip))
        .map((slip) => ({ term, slip })),
    );
    const found = typos.filter(({ term, slip }) => closeTerms(slip, vocabulary).includes(term));
    // "improt" is one letter from "improv" but two from "import": the nearest term wins, as in search engines.
    expect(found.length / typos.length).toBeGreaterThan(0.97);
  });

  it('leaves short words and numbers alone, and adds nothing for words the corpus has', async () => {
    const vocabulary = await temp.index.vocabulary();
    expect(closeTerms('ai', vocabulary)).toEqual([]);
    expect(closeTerms('2071', vocabulary)).toEqual([]);
    const weights = await bm25Weights(temp.index, 'live video marketing', []);
    expect([...weights.keys()].sort()).toEqual(['live', 'market', 'video']);
  });

  it('finds passages with the meant word for a misspelt question', async () => {
    for (const [typed, meant] of [
      ['influncer marketing', /influencer/i],
      ['programatic buying', /programmatic/i],
      ['accuont based marketing', /account/i],
      ['vidoe marketing', /video/i],
      ['persnalized content', /personali[sz]ed/i],
    ] as const) {
      const [top] = await temp.index.lexical(await bm25Weights(temp.index, typed, []), 1, {});
      expect(top?.passage.text, typed).toMatch(meant);
    }
  });

  it('tells an English word from a slip: a bare topic spelt right ("radio") is not taken for a corpus word an edit away ("audio")', async () => {
    expect(await Promise.all(['radio', 'Radio', 'billboards', 'newsletters'].map(isEnglishWord))).toEqual([true, true, true, true]);
    expect(await Promise.all(['chatbtos', 'vidoe', 'influencr'].map(isEnglishWord))).toEqual([false, false, false]);
    expect(closeTerms('radio', await temp.index.vocabulary())).toContain('audio');
  });
});

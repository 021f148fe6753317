import { describe, expect, it } from 'vitest';
import { termsNarrowedByUnknownWords } from '../../src/retrieval/compounds.js';

// As if the corpus used every word but these.
const narrowed = (texts: string[], unknown: string[]) => [...termsNarrowedByUnknownWords(texts, (term) => !unknown.includes(term))];

describe('termsNarrowedByUnknownWords', () => {
  it('narrows every word after an unknown modifier in a noun compound', () => {
    expect(narrowed(['What will happen to radio advertising budgets?'], ['radio'])).toEqual(['advertis', 'budget']);
    expect(narrowed(['radio-advertising budgets'], ['radio'])).toEqual(['advertis', 'budget']);
    expect(narrowed(['What about TV advertising budgets?'], ['advertis'])).toEqual(['budget']);
  });

  it('does not let a verb narrow its object', () => {
    expect(narrowed(['Which prediction is about blending physical objects?'], ['blend'])).toEqual([]);
  });

  it('ends a compound at punctuation and at function words', () => {
    expect(narrowed(['headsets, immersive worlds and brands'], ['headset'])).toEqual([]);
    expect(narrowed(['budgets of radio'], ['radio'])).toEqual([]);
  });

  it('leaves a term alone that also appears without the unknown modifier', () => {
    expect(narrowed(['radio advertising or advertising online?'], ['radio'])).toEqual([]);
    expect(narrowed(['radio advertising?', 'What about advertising?'], ['radio'])).toEqual([]);
  });

  it('knows nothing is narrowed when every word is known', () => {
    expect(narrowed(['What will happen to radio advertising budgets?'], [])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { wordsWithModifiers } from '../../src/retrieval/compounds.js';

const modifiersOf = (text: string) => Object.fromEntries(wordsWithModifiers(text).map(({ term, modifiers }) => [term, modifiers]));

describe('wordsWithModifiers', () => {
  it('gives each word of a noun compound the words before it', () => {
    expect(modifiersOf('What will happen to radio advertising budgets?')).toEqual({ radio: [], advertis: ['radio'], budget: ['radio', 'advertis'] });
    expect(modifiersOf('radio-advertising budgets')).toMatchObject({ budget: ['radio', 'advertis'] });
  });

  it('does not let a verb modify its object', () => {
    expect(modifiersOf('Who is blending physical objects with marketing?')).toMatchObject({ physic: [], object: ['physic'] });
  });

  it('ends a compound at punctuation and at function words', () => {
    expect(modifiersOf('headsets, immersive worlds and brands')).toEqual({ headset: [], immers: [], world: ['immers'], brand: [] });
    expect(modifiersOf('budgets of radio')).toEqual({ budget: [], radio: [] });
  });
});

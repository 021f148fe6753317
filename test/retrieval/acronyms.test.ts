import { describe, expect, it } from 'vitest';
import { findAcronyms } from '../../src/retrieval/acronyms.js';

describe('findAcronyms', () => {
  it('learns acronyms the text defines, only when the initials match', () => {
    expect(findAcronyms(['a focus on Account Based Marketing (ABM) works', 'Artificial Intelligence (AI)', 'Big Thing (XYZ)'])).toEqual({
      abm: ['account', 'base', 'market'],
      ai: ['artifici', 'intellig'],
    });
  });
});

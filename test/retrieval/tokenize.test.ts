import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/retrieval/tokenize.js';

describe('tokenize', () => {
  it('drops function words and question boilerplate, and stems', () => {
    expect(tokenize('What do the CMOs predict about live videos in 2017?')).toEqual(['live', 'video', '2017']);
  });
});

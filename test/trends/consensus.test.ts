import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/corpus/types.js';
import { consensusLine, consensusOn } from '../../src/trends/consensus.js';
import type { Contributor, TrendMap } from '../../src/trends/trend-map.js';

const cmos: Contributor[] = Array.from({ length: 21 }, (_, i) => ({
  file: 'a.md',
  speaker: i === 4 ? 'CMO at Balabit' : `CMO #${i + 1}`,
  title: 'A',
  year: 2017,
}));
const posts: Contributor[] = ['b.md', 'c.md'].map((file) => ({ file, speaker: 'blog post', title: file, year: 2014 }));
const trend = { id: 'abm', name: 'Account-based marketing', description: 'Marketing to chosen accounts.', seeds: [] };

function mapWith(counted: Contributor[], contributors = [...cmos, ...posts]): TrendMap {
  const passage = (c: Contributor): Passage => ({
    id: `${c.file}#0`,
    text: 'x',
    file: c.file,
    start: 0,
    end: 1,
    section: '',
    speaker: c.speaker,
    title: c.title,
    year: c.year,
  });
  return {
    contributors,
    phrasings: [],
    entries: [{ trend, evidence: counted.map((contributor) => ({ contributor, passage: passage(contributor), score: 0.3 })) }],
  };
}

describe('consensus', () => {
  // Newest year first.
  it.each([
    [[cmos[4]!, cmos[15]!], '2 of the 21 CMOs (2017) and none of the 2 blog posts (2014) speak to account-based marketing.'],
    [[posts[0]!, posts[1]!, cmos[0]!], '1 of the 21 CMOs (2017) and both blog posts (2014) speak to account-based marketing.'],
    [[posts[1]!], 'None of the 21 CMOs (2017) and 1 of the 2 blog posts (2014) speak to account-based marketing.'],
    [[], 'None of the 23 contributors speaks to account-based marketing.'],
  ])('says how many of each year’s contributors speak to a trend (%#)', (counted, line) => {
    const consensus = consensusOn(mapWith(counted), 'abm')!;
    expect(consensusLine(consensus)).toBe(line);
    expect(consensus.evidence).toHaveLength(counted.length);
    expect(consensus).toMatchObject({ counted: counted.length, total: 23 });
  });

  it('names a lone contributor in the singular, and mixed kinds of contributors generically', () => {
    expect(consensusLine(consensusOn(mapWith([posts[0]!], [posts[0]!]), 'abm')!)).toBe('The blog post (2014) speaks to account-based marketing.');
    const mixed = [cmos[0]!, { ...posts[0]!, year: 2017 }];
    expect(consensusLine(consensusOn(mapWith([cmos[0]!], mixed), 'abm')!)).toBe('1 of the 2 contributors (2017) speaks to account-based marketing.');
    expect(consensusOn(mapWith([]), 'unknown')).toBeUndefined();
  });
});

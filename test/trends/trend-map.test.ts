// The trend map of the bundled corpus, checked against test/fixtures/trends-table.json: a table of contributor–trend
// pairs written by reading the article, independently of the code.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, readTrendTable, type TrendTable } from '../../src/trends/agreement.js';
import { openTrendMap, type LoadedTrendMap } from '../../src/trends/open-trend-map.js';
import { tempIndex, testPassages, type TempIndex } from '../helpers/temp-index.js';

let index: TempIndex;
let map: LoadedTrendMap;
let table: TrendTable;

beforeAll(async () => {
  index = await tempIndex();
  map = await openTrendMap(index.config, testPassages(index));
  table = await readTrendTable('test/fixtures/trends-table.json');
}, 120_000);
afterAll(async () => {
  await index?.cleanup();
});

const counted = (trendId: string) =>
  map.entries
    .find(({ trend }) => trend.id === trendId)!
    .evidence.map(({ contributor }) => contributor.speaker)
    .sort();

describe('trend map of the bundled corpus', () => {
  it('counts the 21 CMOs and the two 2014 posts, not the publisher’s introduction', () => {
    expect(map.contributors).toHaveLength(23);
    expect(map.contributors.filter(({ year }) => year === 2014).map(({ speaker }) => speaker)).toEqual(['blog post', 'blog post']);
    expect(map.contributors.some(({ speaker }) => speaker.startsWith('7 Digits'))).toBe(false);
  });

  // Trends where the map and the hand-checked table agree exactly.
  it.each([
    ['account-based-marketing', ['CMO at Balabit', 'CMO at Folloze']],
    ['live-video', ['CMO #1', 'CMO #13']],
    ['influencer-marketing', ['CMO #11', 'blog post']],
    ['word-of-mouth-advocacy', ['CMO #2', 'blog post']],
    ['native-advertising', ['CMO #11']],
    ['developer-marketing', ['CMO at Pusher']],
  ])('counts the contributors the table has for %s', (trendId, speakers) => {
    expect(counted(trendId)).toEqual(speakers);
    expect(
      table.pairs
        .filter(({ trend }) => trend === trendId)
        .map(({ speaker }) => speaker)
        .sort(),
    ).toEqual(speakers);
  });

  it('agrees with the table: precision at least 0.9 (counts do not overclaim); recall as measured, 0.52', () => {
    const all = agreement(map, table);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.5);
    const sure = agreement(map, table, true);
    expect(sure.precision).toBeGreaterThanOrEqual(0.9);
    expect(sure.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('backs every count with one verbatim passage of that contributor, at its offsets', () => {
    for (const { evidence } of map.entries) {
      for (const { contributor, passage } of evidence) {
        expect(passage).toMatchObject({ file: contributor.file, speaker: contributor.speaker });
        expect(readFileSync(passage.file, 'utf8').slice(passage.start, passage.end)).toBe(passage.text);
      }
      expect(new Set(evidence.map(({ contributor }) => `${contributor.file}:${contributor.speaker}`)).size).toBe(evidence.length);
    }
  });

  it('is kept in INDEX_DIR and reused while the corpus and the trend list are unchanged', async () => {
    const again = await openTrendMap(index.config, {
      ...testPassages(index),
      store: new Proxy(index.index, {
        get: () => {
          throw new Error('recomputed');
        },
      }),
    });
    expect(again.entries.map(({ evidence }) => evidence.length)).toEqual(map.entries.map(({ evidence }) => evidence.length));
  });
});

import { describe, expect, it } from 'vitest';
import { findAcronyms } from '../../src/retrieval/acronyms.js';
import { Bm25Index } from '../../src/retrieval/bm25-index.js';
import { LsaEmbedder } from '../../src/retrieval/embedders/lsa-embedder.js';
import { reciprocalRankFusion } from '../../src/retrieval/fuse.js';
import { specificity } from '../../src/retrieval/term-specificity.js';
import { tokenize } from '../../src/retrieval/tokenize.js';

describe('reciprocalRankFusion', () => {
  it('sums 1 / (k + rank) over rankings', () => {
    const fused = reciprocalRankFusion([[7, 3], [3, 9]], 60);
    expect(fused.get(3)).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused.get(7)).toBeCloseTo(1 / 61, 12);
    expect(fused.get(9)).toBeCloseTo(1 / 62, 12);
  });
});

describe('tokenize', () => {
  it('drops function words and question boilerplate, and stems', () => {
    expect(tokenize('What do the CMOs predict about live videos in 2017?')).toEqual(['live', 'video', '2017']);
  });
});

describe('specificity', () => {
  it('ranks words by how rare they are in everyday English, by surface form', () => {
    expect(specificity('personalization')).toBe(1);
    expect(specificity('important')).toBeLessThan(0.2);
    expect(specificity('important')).toBeGreaterThanOrEqual(0.1);
    expect(specificity('advertising')).toBeGreaterThan(specificity('happen'));
  });
});

describe('Bm25Index', () => {
  it('scores with Okapi BM25 (k1 = 1.2, b = 0.75) and survives a JSON round trip', () => {
    const index = Bm25Index.build(['live video', 'video video podcasts', 'email']);
    const restored = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index)));
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const averageLength = (2 + 3 + 1) / 3;
    const expected = (tf: number, length: number) => (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * length) / averageLength));
    const hits = restored.search(new Map([['video', 1]]), 10);
    expect(hits.map((hit) => hit.index)).toEqual([1, 0]);
    expect(hits[0]!.score).toBeCloseTo(expected(2, 3), 12);
    expect(hits[1]!.score).toBeCloseTo(expected(1, 2), 12);
  });
});

describe('findAcronyms', () => {
  it('learns acronyms the text defines, only when the initials match', () => {
    expect(findAcronyms(['a focus on Account Based Marketing (ABM) works', 'Artificial Intelligence (AI)', 'Big Thing (XYZ)'])).toEqual({
      abm: ['account', 'base', 'market'],
      ai: ['artifici', 'intellig'],
    });
  });
});

describe('LsaEmbedder', () => {
  it('reads back a small model exactly (its bytes are not a view into a shared buffer)', async () => {
    const model = LsaEmbedder.fit(['live video rises', 'podcasts and audio', 'video on social networks', 'audio ads']);
    const restored = new LsaEmbedder(JSON.parse(JSON.stringify(model)));
    for (const text of ['live video', 'audio podcasts']) expect(await restored.embedQuery(text)).toEqual(await model.embedQuery(text));
    expect(Math.hypot(...(await restored.embedQuery('video')))).toBeCloseTo(1, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25-index.js';

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

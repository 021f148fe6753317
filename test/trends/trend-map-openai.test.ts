// The trend map with an OpenAI-compatible embedder (a local fake server): its phrasings go in batched requests,
// OPENAI_BATCH_SIZE a request, and the map is the one that embedding each phrasing on its own gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_BATCH_SIZE, type Embedder } from '../../src/retrieval/embedders/create-embedder.js';
import { loadTrends, trendsFileFor, type Trend } from '../../src/trends/trend-list.js';
import { computeTrendMap } from '../../src/trends/trend-map.js';
import { openTrendMap } from '../../src/trends/open-trend-map.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/openai/fake-openai-server.js';
import { tempIndex, testPassages, type TempIndex } from '../helpers/temp-index.js';

let openai: FakeOpenAI;
let index: TempIndex;
let trends: Trend[];

beforeAll(async () => {
  openai = await startFakeOpenAI({ chat: () => ({ kind: 'status', status: 500 }) });
  index = await tempIndex({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: openai.url });
  trends = (await loadTrends(trendsFileFor(index.config.corpusDir, index.config.trendsFile))).trends;
}, 120_000);
afterAll(async () => {
  await openai?.close();
  await index?.cleanup();
});

/** How many /embeddings requests `run` sends. */
async function embeddingRequests(run: () => Promise<unknown>): Promise<number> {
  const count = () => openai.requests.filter(({ path }) => path.endsWith('/embeddings')).length;
  const before = count();
  await run();
  return count() - before;
}

/** The index with an embedder that sends one request per phrasing, as the trend map did before batching. */
function oneRequestPerPhrasing(): TempIndex['index'] {
  const { embedder } = index.index;
  const oneByOne: Embedder = {
    embedQuery: (text) => embedder.embedQuery(text),
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    embedQueries: async (texts) => {
      const vectors: number[][] = [];
      for (const text of texts) vectors.push(await embedder.embedQuery(text));
      return vectors;
    },
    calibration: embedder.calibration,
  };
  return new Proxy(index.index, { get: (target, key) => (key === 'embedder' ? oneByOne : Reflect.get(target, key)) });
}

describe('trend map with OpenAI embeddings', () => {
  it('embeds the bundled trend list at startup in ceil(phrasings / OPENAI_BATCH_SIZE) requests', async () => {
    let phrasings = 0;
    const requests = await embeddingRequests(async () => {
      phrasings = (await openTrendMap(index.config, testPassages(index))).phrasings.length;
    });
    expect(phrasings).toBeGreaterThan(100);
    expect(requests).toBe(Math.ceil(phrasings / OPENAI_BATCH_SIZE));
  });

  it('gives the map of one request per phrasing, over several batches', async () => {
    // The list three times over (distinct ids): more phrasings than one batch holds.
    const many = [1, 2, 3].flatMap((copy) => trends.map((trend) => ({ ...trend, id: `${trend.id}-${copy}` })));
    const { passages } = index.index;
    let batched: Awaited<ReturnType<typeof computeTrendMap>> | undefined;
    const requests = await embeddingRequests(async () => {
      batched = await computeTrendMap(index.index, passages, many, passages.length);
    });
    const phrasings = batched!.phrasings.length;
    expect(phrasings).toBeGreaterThan(OPENAI_BATCH_SIZE);
    expect(requests).toBe(Math.ceil(phrasings / OPENAI_BATCH_SIZE));

    let reference: typeof batched;
    const unbatched = await embeddingRequests(async () => {
      reference = await computeTrendMap(oneRequestPerPhrasing(), passages, many, passages.length);
    });
    expect(unbatched).toBe(phrasings);
    expect(batched).toEqual(reference);
    expect(batched!.entries.some(({ evidence }) => evidence.length > 0)).toBe(true);
  });
});

// The trend map of the configured corpus, computed once (by `npm run ingest`, or on first use) and kept in INDEX_DIR
// until the corpus, the trend list, the embedder or the scoring changes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RetrievalConfig } from '../config.js';
import { hashCorpus, readCorpusFiles } from '../corpus/load-corpus.js';
import { calibrationOf, embedderKey } from '../retrieval/embedders/create-embedder.js';
import type { OpenedStore } from '../retrieval/open-store.js';
import { loadTrends, trendsFileFor } from './trend-list.js';
import { computeTrendMap, type TrendMap } from './trend-map.js';

export interface LoadedTrendMap extends TrendMap {
  /** The trend file it was made from. */
  file: string;
}

// Bump when the cached file's shape or the scoring changes.
const MAP_VERSION = 1;

/**
 * Loads the cached map when it is current, else computes and saves it. Throws TrendsError for a bad trend file.
 * Another `threshold` (calibrating against a table) computes a map that is neither read from nor written to the cache.
 */
export async function openTrendMap(
  config: RetrievalConfig,
  opened: Pick<OpenedStore, 'store' | 'sourcePassages' | 'passageCount'>,
  threshold?: number,
): Promise<LoadedTrendMap> {
  const list = await loadTrends(trendsFileFor(config.corpusDir, config.trendsFile));
  if (threshold !== undefined) {
    return { ...(await computeTrendMap(opened.store, opened.sourcePassages(), list.trends, opened.passageCount(), threshold)), file: list.file };
  }
  const corpusHash = hashCorpus((await readCorpusFiles(config.corpusDir)).files);
  const key = createHash('sha256')
    .update(JSON.stringify([MAP_VERSION, calibrationOf(config).trendLift, list.hash, corpusHash, embedderKey(config), config.vectorStore]))
    .digest('hex');
  const file = path.join(config.indexDir, 'trend-map.json');
  const cached = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { key: string; map: LoadedTrendMap })
    .catch(() => undefined);
  if (cached?.key === key) return cached.map;
  const map = await computeTrendMap(opened.store, opened.sourcePassages(), list.trends, opened.passageCount());
  const loaded: LoadedTrendMap = { ...map, file: list.file };
  // Written beside, then renamed: a reader never sees half a file. A folder it cannot write to only costs the cache.
  const partial = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(config.indexDir, { recursive: true })
    .then(() => writeFile(partial, JSON.stringify({ key, map: loaded })))
    .then(() => rename(partial, file))
    .catch(() => undefined);
  return loaded;
}

/**
 * `answerQuestion`'s `trends` option: the map, opened on first use and again after the passages are rebuilt (a new
 * store). A map that cannot be made (a bad trend file) is reported once to `onError`; questions are then answered
 * by retrieval alone.
 */
export function trendMapLoader(
  config: RetrievalConfig,
  opened: Pick<OpenedStore, 'store' | 'sourcePassages' | 'passageCount'>,
  onError: (error: unknown) => void,
): () => Promise<TrendMap | undefined> {
  let loaded: { store: OpenedStore['store']; map: Promise<TrendMap | undefined> } | undefined;
  return () => {
    const { store } = opened;
    if (loaded?.store !== store) {
      const map = openTrendMap(config, opened).catch((error: unknown) => {
        onError(error);
        return undefined;
      });
      loaded = { store, map };
    }
    return loaded.map;
  };
}

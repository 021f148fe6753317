// Opens the index for a corpus, rebuilding it when it is missing, stale (corpus or embedder changed) or unreadable.
import type { RetrievalConfig } from '../../config.js';
import { extractedTextDir, hashCorpus, parseCorpus, readCorpusFiles, type SkippedFile } from '../../corpus/load-corpus.js';
import { embedderKey } from '../embedders/create-embedder.js';
import { buildIndex, loadIndex, readManifest, withBuildLock, type ProgressListener } from './index-files.js';
import type { SearchIndex } from './search-index.js';
import { ANALYZER_KEY } from '../tokenize.js';

export type RebuildReason = 'missing' | 'corpus_changed' | 'embedder_changed' | 'analyzer_changed' | 'unreadable' | 'forced';

export interface OpenIndexOptions {
  onProgress?: ProgressListener;
  /** Told why the index is being rebuilt, before it is. */
  onRebuild?: (reason: RebuildReason, detail?: string) => void;
  /** Told which corpus files were left out and why (an empty list when none), each time the index is opened. */
  onSkipped?: (skipped: SkippedFile[]) => void;
  force?: boolean;
  /** Model threads embedding passages at once when the index is built (default 1, leaving a core free). */
  embedThreads?: number;
  /** When building, embed every passage instead of reusing the vectors of unchanged ones. */
  reembed?: boolean;
}

export async function openIndex(config: RetrievalConfig, options: OpenIndexOptions = {}): Promise<SearchIndex> {
  // Hashing the files is enough to know the index is fresh; parsing them is only needed to rebuild.
  const { files, skipped } = await readCorpusFiles(config.corpusDir, extractedTextDir(config.indexDir));
  options.onSkipped?.(skipped);
  const corpusHash = hashCorpus(files);
  const rebuild = () =>
    withBuildLock(config.indexDir, async () => {
      // Another process may have built it while this one waited for the lock.
      const current = options.force ? undefined : await readManifest(config.indexDir).catch(() => undefined);
      if (current && (await staleness(config, corpusHash)) === undefined) {
        return loadIndex(config, current.buildDir, current.manifest).catch(() => buildIndex(config, parseCorpus(files), options));
      }
      return buildIndex(config, parseCorpus(files), options);
    });
  const stale = options.force ? { reason: 'forced' as const } : await staleness(config, corpusHash);
  if (stale === undefined) {
    try {
      const current = (await readManifest(config.indexDir))!;
      return await loadIndex(config, current.buildDir, current.manifest);
    } catch (error) {
      options.onRebuild?.('unreadable', (error as Error).message);
      return rebuild();
    }
  }
  options.onRebuild?.(stale.reason, stale.detail);
  return rebuild();
}

async function staleness(config: RetrievalConfig, corpusHash: string): Promise<{ reason: RebuildReason; detail?: string } | undefined> {
  let current;
  try {
    current = await readManifest(config.indexDir);
  } catch (error) {
    return { reason: 'unreadable', detail: (error as Error).message };
  }
  if (!current) return { reason: 'missing' };
  if (current.manifest.corpusHash !== corpusHash) return { reason: 'corpus_changed' };
  if (current.manifest.embedder.key !== embedderKey(config)) return { reason: 'embedder_changed' };
  if (current.manifest.analyzer !== ANALYZER_KEY) return { reason: 'analyzer_changed' };
  return undefined;
}

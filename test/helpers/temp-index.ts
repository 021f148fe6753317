// The bundled corpus's index for tests: the run's shared one (built once by global-setup.ts), or one built in a temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { openIndex } from '../../src/retrieval/hnswlib/open-index.js';
import type { SearchIndex } from '../../src/retrieval/hnswlib/search-index.js';
import type { Llm } from '../../src/answer/llm/create-llm.js';
import { embedderName } from '../../src/retrieval/embedders/create-embedder.js';
import { trendbotOver, type Passages, type Trendbot } from '../../src/trendbot.js';
import { trendMapLoader } from '../../src/trends/open-trend-map.js';

export interface TempIndex {
  config: Readonly<Config>;
  index: SearchIndex;
  dir: string;
  cleanup: () => Promise<void>;
}

/** The index as a core's passages (and openTrendMap's). */
export function testPassages(index: TempIndex): Passages {
  return { store: index.index, sourcePassages: () => index.index.passages, passageCount: () => index.index.passages.length };
}

/** The core over a temp index, with its trend map, as the product opens it (a chat model when given). */
export function testCore(index: TempIndex, options: { llm?: Llm; maxQuestionChars?: number } = {}): Trendbot {
  const passages = testPassages(index);
  const trendMap = trendMapLoader(index.config, passages, (error) => {
    throw error;
  });
  return trendbotOver({ passages, llm: options.llm, trendMap, embedder: embedderName(index.config) }, { maxQuestionChars: options.maxQuestionChars });
}

/** The configuration of the shared fixture index (global-setup.ts) and of every tempIndex() without settings. */
export function fixtureConfig(indexDir: string, env: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: indexDir, LOG_LEVEL: 'silent', ...env });
}

/**
 * An index of the bundled corpus, and a scratch folder (`dir`) of its own. Without settings it is the run's shared
 * index, built once by global-setup.ts and only read; with settings (another embedder…) one is built in `dir`.
 */
export async function tempIndex(env: Record<string, string> = {}): Promise<TempIndex> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-test-'));
  const shared = Object.keys(env).length === 0 ? inject('fixtureIndexDir') : undefined;
  const config = fixtureConfig(shared ?? path.join(dir, 'index'), env);
  const index = await openIndex(config, shared ? { onRebuild: rebuildRefused } : {});
  return { config, index, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// Opening the shared index must never write it: other test files read it at the same time.
function rebuildRefused(reason: string): never {
  throw new Error(`the shared fixture index would be rebuilt (${reason}): build it with the same settings as tempIndex()`);
}

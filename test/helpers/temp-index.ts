// Builds a real index of the project's corpus (or a given folder) in a temporary directory, for tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { openIndex } from '../../src/retrieval/open-index.js';
import type { SearchIndex } from '../../src/retrieval/search-index.js';
import type { Passages } from '../../src/slack/deps.js';

export interface TempIndex {
  config: Readonly<Config>;
  index: SearchIndex;
  dir: string;
  cleanup: () => Promise<void>;
}

/** The index as createSlackDeps's passages (and openTrendMap's). */
export function testPassages(index: TempIndex): Passages & { passageCount: () => number } {
  return { store: index.index, sourcePassages: () => index.index.passages, passageCount: () => index.index.passages.length };
}

export async function tempIndex(env: Record<string, string> = {}): Promise<TempIndex> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-test-'));
  const config = loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ...env });
  const index = await openIndex(config);
  return { config, index, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

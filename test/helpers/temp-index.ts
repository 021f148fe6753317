// Builds a real index of the project's corpus (or a given folder) in a temporary directory, for tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { openIndex } from '../../src/retrieval/open-index.js';
import type { SearchIndex } from '../../src/retrieval/search-index.js';
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

export async function tempIndex(env: Record<string, string> = {}): Promise<TempIndex> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-test-'));
  const config = loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ...env });
  const index = await openIndex(config);
  return { config, index, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

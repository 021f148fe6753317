// Builds the index of the bundled corpus (and its trend map) once for the whole run: tempIndex() opens it read-only
// instead of every test file embedding the corpus again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openIndex } from '../../src/retrieval/hnswlib/open-index.js';
import { openTrendMap } from '../../src/trends/open-trend-map.js';
import { fixtureConfig } from './temp-index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureIndexDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-fixture-'));
  const config = fixtureConfig(path.join(dir, 'index'));
  const index = await openIndex(config);
  await openTrendMap(config, { store: index, sourcePassages: () => index.passages, passageCount: () => index.passages.length });
  project.provide('fixtureIndexDir', config.indexDir);
  return () => rm(dir, { recursive: true, force: true });
}

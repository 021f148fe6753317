// The running bot answers from the corpus as it is now: a changed corpus is re-indexed in the background.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore } from '../../src/retrieval/open-store.js';
import { waitUntil } from '../helpers/wait-until.js';

let dir: string;
let config: Readonly<Config>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-store-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
  config = loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openStore with a corpus watch', () => {
  it('swaps in an index of the changed corpus, and keeps answering meanwhile', async () => {
    const opened = await openStore(config, { watchCorpusMs: 50 });
    const before = opened.store;
    const gardening = 'Our team expects podcasts about gardening to triple.';
    expect((await answerQuestion(opened.store, { question: 'gardening podcasts' })).quotes.map((quote) => quote.text)).not.toContain(gardening);

    await writeFile(path.join(config.corpusDir, 'notes.md'), `${gardening}\n`);
    await waitUntil(() => opened.store !== before, 'the rebuilt index');

    const answer = await answerQuestion(opened.store, { question: 'gardening podcasts' });
    expect(answer.quotes[0]?.text).toBe(gardening);
    expect(opened.sourcePassages().some((passage) => passage.file.endsWith('notes.md'))).toBe(true);
    await opened.close();
  });

  it('keeps the current index and reports the error when the corpus becomes unreadable', async () => {
    const errors: unknown[] = [];
    const opened = await openStore(config, { watchCorpusMs: 50, onWatchError: (error) => errors.push(error) });
    const before = opened.store;
    await rm(config.corpusDir, { recursive: true });
    await waitUntil(() => errors.length > 0, 'the watch error');
    expect(String(errors[0])).toMatch(/Cannot read the corpus folder/);
    expect(opened.store).toBe(before);
    expect((await answerQuestion(opened.store, { question: 'podcasts' })).quotes.length).toBeGreaterThan(0);
    await opened.close();
  });
});

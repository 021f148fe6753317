// The index rebuilds itself when stale or broken, and a failed rebuild never takes the working index away.
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/answer/answer-question.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { buildIndex, readManifest, withBuildLock } from '../../../src/retrieval/hnswlib/index-files.js';
import { openIndex, type RebuildReason } from '../../../src/retrieval/hnswlib/open-index.js';
import { ANALYZER_KEY } from '../../../src/retrieval/tokenize.js';
import { waitUntil } from '../../helpers/wait-until.js';

let dir: string;
let config: Readonly<Config>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-index-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
  config = loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function open(): Promise<RebuildReason | undefined> {
  let reason: RebuildReason | undefined;
  await openIndex(config, { onRebuild: (why) => (reason = why) });
  return reason;
}

describe('openIndex', () => {
  it('builds a missing index, then reuses it', async () => {
    expect(await open()).toBe('missing');
    expect(await open()).toBeUndefined();
    const current = await readManifest(config.indexDir);
    expect(current?.manifest).toMatchObject({
      embedder: { key: expect.stringMatching(/^local:trendbot-embedder:/), dimensions: 384 },
      passageCount: expect.any(Number),
    });
  });

  it('rebuilds when the corpus changes, and indexes a file a user drops in', async () => {
    await open();
    await writeFile(path.join(config.corpusDir, 'my-notes.txt'), 'Our team expects podcasts about gardening to triple.\n');
    expect(await open()).toBe('corpus_changed');
    const index = await openIndex(config);
    const answer = await answerQuestion(index, { question: 'gardening podcasts' });
    expect(answer.quotes[0]).toMatchObject({ text: 'Our team expects podcasts about gardening to triple.', speaker: 'unattributed', title: 'My notes' });
  });

  it('says so when the corpus holds no text', async () => {
    const empty = loadConfig({ CORPUS_DIR: path.join(dir, 'empty'), INDEX_DIR: path.join(dir, 'empty-index') });
    await mkdir(empty.corpusDir);
    await writeFile(path.join(empty.corpusDir, 'blank.md'), '---\ntitle: Nothing yet\n---\n\n# Nothing yet\n');
    await expect(openIndex(empty)).rejects.toThrow(/blank\.md\) hold no text to index/);
  });

  it('rebuilds when the embedder changes', async () => {
    await open();
    const current = (await readManifest(config.indexDir))!;
    const manifestFile = path.join(current.buildDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, embedder: { key: 'openai:some-model', dimensions: 3 } }));
    expect(await open()).toBe('embedder_changed');
  });

  it('rebuilds when the analyzer that made its BM25 terms changed (an edit to tokenize.ts)', async () => {
    await open();
    const current = (await readManifest(config.indexDir))!;
    expect(current.manifest.analyzer).toBe(ANALYZER_KEY);
    const manifestFile = path.join(current.buildDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, analyzer: 'another-tokenizer' }));
    expect(await open()).toBe('analyzer_changed');
    expect(await open()).toBeUndefined();
  });

  it('rebuilds a corrupt index', async () => {
    await open();
    const current = (await readManifest(config.indexDir))!;
    await writeFile(path.join(current.buildDir, 'passages.json'), '{ not json');
    expect(await open()).toBe('unreadable');
    await writeFile(path.join(config.indexDir, 'CURRENT'), 'build-that-does-not-exist');
    expect(await open()).toBe('unreadable');
    expect(await open()).toBeUndefined();
  });

  it('builds once when several open a missing index at the same time, and all get a working index', async () => {
    const opened = await Promise.all([openIndex(config), openIndex(config), openIndex(config)]);
    for (const index of opened) expect((await answerQuestion(index, { question: 'podcasts' })).quotes.length).toBeGreaterThan(0);
    const builds = (await readdir(config.indexDir)).filter((name) => name.startsWith('build-'));
    expect(builds).toHaveLength(1);
    expect((await readManifest(config.indexDir))?.buildDir).toBe(path.join(config.indexDir, builds[0]!));
  });

  it('takes over a build lock left by a process that died (not refreshed for 30 s)', async () => {
    await mkdir(path.join(config.indexDir, 'build.lock'), { recursive: true });
    const died = new Date(Date.now() - 60_000);
    await utimes(path.join(config.indexDir, 'build.lock'), died, died);
    expect(await open()).toBe('missing');
    expect((await readdir(config.indexDir)).includes('build.lock')).toBe(false);
  });

  it('never takes over a lock a live build holds, however long the build takes', async () => {
    const staleMs = 2000; // proper-lockfile's least; the holder refreshes the lock every second
    const order: string[] = [];
    const slow = withBuildLock(
      config.indexDir,
      async () => {
        order.push('first started');
        await new Promise((resolve) => setTimeout(resolve, staleMs * 2.5));
        order.push('first ended');
      },
      staleMs,
    );
    await waitUntil(async () => order.length > 0, 'the first build to start');
    await withBuildLock(config.indexDir, async () => void order.push('second started'), staleMs);
    await slow;
    expect(order).toEqual(['first started', 'first ended', 'second started']);
  });

  it('keeps the previous index usable when a rebuild dies before publishing', async () => {
    await open();
    const before = (await readManifest(config.indexDir))!;
    await appendFile(path.join(config.corpusDir, '2017-digital-marketing-trends-21-cmos.md'), '\nA new paragraph.\n');
    const crash = buildIndex(config, await loadCorpus(config.corpusDir), {
      onProgress: (stage, done) => {
        if (stage === 'saving' && done === 0) throw new Error('simulated crash');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');

    const after = (await readManifest(config.indexDir))!;
    expect(after.buildDir).toBe(before.buildDir);
    const { loadIndex } = await import('../../../src/retrieval/hnswlib/index-files.js');
    const index = await loadIndex(config, after.buildDir, after.manifest);
    const answer = await answerQuestion(index, { question: 'What will happen with live video?' });
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect((await readdir(config.indexDir)).filter((name) => name.startsWith('build-'))).toHaveLength(1);
  });
});

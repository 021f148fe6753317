// Rebuilding the in-process index embeds only what changed: a file added, changed or deleted costs that file's new
// passages; a build that dies part way loses nothing embedded; and a vector is the same whichever thread made it.
import { appendFile, cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { createEmbedder } from '../../../src/retrieval/embedders/create-embedder.js';
import { buildIndex, type BuildOptions } from '../../../src/retrieval/hnswlib/index-files.js';
import type { SearchIndex } from '../../../src/retrieval/hnswlib/search-index.js';

let dir: string;
let config: Readonly<Config>;
const article = () => path.join(config.corpusDir, '2014-whats-next-for-social-marketing.md');
const otherArticle = () => path.join(config.corpusDir, '2014-social-media-and-big-data.md');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-incremental-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
  config = loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function build(options: BuildOptions = {}) {
  const index = await buildIndex(config, await loadCorpus(config.corpusDir), { embedThreads: 2, ...options });
  return { embedded: index.parts.manifest.embedded, passages: index.passages };
}

async function expectEachPassageFindsItself(index: SearchIndex) {
  const vectors = await index.embedder.embedDocuments(index.passages.map(({ text }) => text));
  for (const [i, vector] of vectors.entries()) {
    const [top] = await index.nearest(vector, 1, {});
    expect(top?.passage.text).toBe(index.passages[i]!.text);
  }
}

describe('incremental builds', () => {
  it('embeds every passage once, then only a new file, a changed paragraph, and nothing for a deleted file', async () => {
    const first = await build();
    expect(first.embedded).toBe(first.passages.length);

    await writeFile(path.join(config.corpusDir, 'notes.md'), '# Notes\n\nPodcasts about gardening will triple.\n\nRadio is back.\n');
    const added = await build();
    expect(added).toMatchObject({ embedded: 2, passages: expect.any(Array) });
    expect(added.passages.length).toBe(first.passages.length + 2);

    await appendFile(article(), '\nA sentence added to the end of the article.\n');
    expect((await build()).embedded).toBe(1);

    await unlink(path.join(config.corpusDir, 'notes.md'));
    const removed = await build();
    expect(removed.embedded).toBe(0);
    expect(removed.passages.some((passage) => passage.file.endsWith('notes.md'))).toBe(false);
  });

  it('keeps the hnswlib graph: inserts new passages, deletes removed ones, and every passage is still found', async () => {
    await build();
    // A file that sorts first moves every other passage to a new position.
    const first = path.join(config.corpusDir, '0-first.md');
    await writeFile(first, '# First\n\nLoyalty apps will replace punch cards.\n\nBillboards get QR codes.\n');
    const added = await buildIndex(config, await loadCorpus(config.corpusDir), { embedThreads: 2 });
    expect(added.parts.manifest.graph).toEqual({ inserted: 2, deleted: 0 });
    await expectEachPassageFindsItself(added);

    await unlink(first);
    const removed = await buildIndex(config, await loadCorpus(config.corpusDir), { embedThreads: 2 });
    expect(removed.parts.manifest.graph).toEqual({ inserted: 0, deleted: 2 });
    await expectEachPassageFindsItself(removed);

    // Past a quarter of the passages, deleted points would crowd the graph: a fresh one is built.
    for (const file of [article(), otherArticle()]) await unlink(file);
    const shrunk = await buildIndex(config, await loadCorpus(config.corpusDir), { embedThreads: 2 });
    expect(shrunk.parts.manifest.graph).toEqual({ inserted: shrunk.passages.length, deleted: 0 });
    for (const file of [article(), otherArticle()]) await cp(path.join('corpus', path.basename(file)), file);
  });

  it('re-embeds everything into a fresh graph when asked', async () => {
    const all = await buildIndex(config, await loadCorpus(config.corpusDir), { embedThreads: 2, reembed: true });
    expect(all.parts.manifest.embedded).toBe(all.passages.length);
    expect(all.parts.manifest.graph).toEqual({ inserted: all.passages.length, deleted: 0 });
  });

  it('keeps what a build that died had embedded: the next one embeds only the rest', async () => {
    await rm(config.indexDir, { recursive: true, force: true });
    // More passages than one embedding round takes (256), so that the build dies with some files done.
    const cmos = path.join(config.corpusDir, '2017-digital-marketing-trends-21-cmos.md');
    for (const copy of ['a', 'b', 'c', 'd']) await cp(cmos, path.join(config.corpusDir, `copy-${copy}.md`));
    const total = (await loadCorpus(config.corpusDir)).passages.length;
    const crash = build({
      embedThreads: 1,
      onProgress: (stage, done) => {
        if (stage === 'embedding' && done > 0) throw new Error('simulated crash');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash');
    const resumed = await build();
    expect(resumed.embedded).toBeGreaterThan(0);
    expect(resumed.embedded).toBeLessThan(total);
  });

  it('gives every text the same vector on two threads as on one, and as a question', async () => {
    const texts = (await loadCorpus(config.corpusDir)).passages.slice(0, 12).map(({ text }) => text);
    const one = await createEmbedder(config, 1).embedDocuments(texts);
    const two = createEmbedder(config, 2);
    expect(await two.embedDocuments(texts)).toEqual(one);
    expect(await two.embedQuery(texts[5]!)).toEqual(one[5]);
  });
});

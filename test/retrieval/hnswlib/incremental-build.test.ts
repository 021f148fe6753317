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

let dir: string;
let config: Readonly<Config>;
const article = () => path.join(config.corpusDir, '2014-marketing-trends-5-ways.md');

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

  it('re-embeds everything when asked', async () => {
    const all = await build({ reembed: true });
    expect(all.embedded).toBe(all.passages.length);
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

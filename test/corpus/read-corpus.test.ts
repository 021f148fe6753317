// A research library as teams keep it: sub-folders, and files that cannot be used, each skipped with its reason while
// the rest are read.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorpus, readCorpusFiles, type CorpusFiles } from '../../src/corpus/load-corpus.js';

let dir: string;
let read: CorpusFiles;
const name = (file: string) => path.relative(dir, path.resolve(file)).split(path.sep).join('/');
const reasonOf = (file: string) => read.skipped.find((skipped) => name(skipped.file) === file)?.reason;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-library-'));
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  };
  await write('top.md', 'Live video will grow.\n');
  await write('Interviews/2025/deep.txt', 'Retail media is the third wave of digital advertising.\n');
  await write('Notes/bom.md', '\uFEFF---\ntitle: Notes with a BOM\nyear: 2025\n---\n\nCommunity beats reach.\n');
  await write('Notes/bad-yaml.md', '---\ntitle: [unclosed\n---\n\nText.\n');
  await write('Notes/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
  await write('Notes/latin1.txt', Buffer.from('Caf\xe9 cr\xe8me marketing.\n', 'latin1'));
  await write('.obsidian/cache.md', 'hidden tool files are not research\n');
  await mkdir(path.join(dir, 'folder.md'));
  await write('folder.md/inside.md', 'A file inside a folder named like a file is read.\n');
  await symlink(path.join(dir, 'missing.md'), path.join(dir, 'broken-link.md'));
  await symlink(path.join(dir, 'loop-b.md'), path.join(dir, 'loop-a.md'));
  await symlink(path.join(dir, 'loop-a.md'), path.join(dir, 'loop-b.md'));
  read = await readCorpusFiles(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reading a corpus folder', () => {
  it('reads sub-folders, in path order, leaving hidden folders out', () => {
    expect(read.files.map(({ file }) => name(file))).toEqual(['Interviews/2025/deep.txt', 'Notes/bom.md', 'folder.md/inside.md', 'top.md']);
  });

  it('skips each file that cannot be used, saying why, and reads the rest', () => {
    expect(reasonOf('broken-link.md')).toBe('a broken link (its target does not exist)');
    expect(reasonOf('loop-a.md')).toBe('a link that leads back to itself');
    expect(reasonOf('Notes/binary.md')).toBe('binary, not text');
    expect(reasonOf('Notes/latin1.txt')).toBe('not UTF-8 text (save it as UTF-8)');
    expect(reasonOf('Notes/bad-yaml.md')).toMatch(/^the YAML front matter does not parse \(/);
    expect(read.skipped).toHaveLength(6);
  });

  it('reads the front matter after a byte-order mark, with offsets into the text as read (the mark included)', () => {
    const bom = read.files.find(({ file }) => name(file) === 'Notes/bom.md')!;
    expect(bom.content).toBe(readFileSync(bom.file, 'utf8'));
    const corpus = parseCorpus(read.files);
    const passage = corpus.passages.find((p) => name(p.file) === 'Notes/bom.md')!;
    expect(passage.title).toBe('Notes with a BOM');
    expect(bom.content.slice(passage.start, passage.end)).toBe('Community beats reach.');
  });

  it('names the first skipped file when none can be used', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'trendbot-library-'));
    try {
      await writeFile(path.join(empty, 'only.md'), Buffer.from([0, 1, 2]));
      await expect(readCorpusFiles(empty)).rejects.toThrow(/has no readable documents \(1 skipped; .*only\.md: binary, not text\)\.$/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

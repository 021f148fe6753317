// `npm run ingest` as a user runs it on the in-process index: what it reports after a first build and after an edit.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-ingest-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function ingest(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/ingest.ts'],
      {
        env: { PATH: process.env.PATH, CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run ingest', () => {
  it('builds a new search graph, then after an edit embeds and inserts only the new passages', async () => {
    const first = await ingest();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Indexed 104 passages into .*, a new search graph, with local:/);
    expect(first.stdout).toMatch(/2017-digital-marketing-trends-21-cmos\.md +indexed {2}64 passages/);

    await writeFile(path.join(dir, 'corpus', '0-notes.md'), '# Notes\n\nPodcasts about gardening will triple.\n\nRadio is back.\n');
    const second = await ingest();
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /^Indexed 106 passages \(2 embedded, the others' vectors kept from the last build\) into .*, the last build's search graph \(2 inserted, 0 deleted\), with local:/,
    );
    expect(second.stdout).toMatch(/0-notes\.md +indexed {2}2 passages, 0 speakers named/);
  });
});

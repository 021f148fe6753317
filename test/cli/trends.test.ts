// npm run trends as a user runs it: the map with its quotes and offsets, agreement with a table, one-line errors.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-trends-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function trends(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/trends.ts', ...args],
      { env: { PATH: process.env.PATH, INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run trends', () => {
  it('prints each trend with its consensus line and, per contributor, the quote and where it is', async () => {
    const run = await trends([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Trend map of 23 contributors against 20 trends \(.*corpus\/trends\.yml\):/);
    expect(run.stdout).toContain('Account-based marketing — 2 of the 21 CMOs (2017) and none of the 2 blog posts (2014) speak to account-based marketing.');
    const located = [...run.stdout.matchAll(/“(.+)”\n {4}(corpus\/[^:\n]+):(\d+)-(\d+)/g)];
    expect(located.length).toBeGreaterThan(10);
    for (const [, text, file, start, end] of located) expect(readFileSync(file!, 'utf8').slice(Number(start), Number(end))).toBe(text);
  });

  it('measures agreement with a hand-checked table', async () => {
    const run = await trends(['--check', 'test/fixtures/trends-table.json', '--json']);
    const result = JSON.parse(run.stdout);
    expect(result.all.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.all.agreed).toBe(result.all.precision > 0 ? Math.round(result.all.recall * 64) : 0);
  });

  it('fails in one line naming a table that is not there', async () => {
    const run = await trends(['--check', path.join(dir, 'no-table.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: Cannot read the table .*no-table\.json \(ENOENT\)\. Give a JSON file like test\/fixtures\/trends-table\.json\.\n$/);
  });

  it('fails in one line naming a TRENDS_FILE that is not there', async () => {
    const run = await trends([], { TRENDS_FILE: path.join(dir, 'nope.yml') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: Cannot read the trend list .*nope\.yml \(ENOENT\)\. Set TRENDS_FILE to a YAML file of trends, or unset it\.\n$/);
  });
});

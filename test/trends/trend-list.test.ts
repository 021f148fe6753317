import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_TRENDS_FILE, loadTrends, trendsFileFor, TrendsError } from '../../src/trends/trend-list.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-trends-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('trend list', () => {
  it('reads the bundled list: ids, names, descriptions and seeds', async () => {
    const list = await loadTrends(BUNDLED_TRENDS_FILE);
    expect(list.trends.length).toBeGreaterThanOrEqual(10);
    expect(list.trends.find(({ id }) => id === 'account-based-marketing')).toMatchObject({
      name: 'Account-based marketing',
      seeds: expect.arrayContaining(['ABM']),
    });
    expect(list.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses TRENDS_FILE, else the corpus folder’s trends.yml, else the bundled list', async () => {
    expect(trendsFileFor(dir, '/x/mine.yml')).toBe('/x/mine.yml');
    expect(trendsFileFor(path.join(dir, 'no-such-corpus'))).toBe(BUNDLED_TRENDS_FILE);
    const own = await listFile('trends.yml', 'trends:\n  - { id: bots, name: Bots, description: "Chatbots that talk to customers." }\n');
    expect(trendsFileFor(dir)).toBe(own);
    expect((await loadTrends(own)).trends).toEqual([{ id: 'bots', name: 'Bots', description: 'Chatbots that talk to customers.', seeds: [] }]);
  });

  it.each([
    ['missing.yml', undefined, /Cannot read the trend list .*missing\.yml \(ENOENT\)\. Set TRENDS_FILE/],
    ['bad-yaml.yml', 'trends: [\n', /is not valid YAML/],
    ['no-trends.yml', 'trends: []\n', /is invalid at trends/],
    ['bad-id.yml', 'trends:\n  - { id: Live Video, name: Live, description: "Streaming video live." }\n', /is invalid at trends\.0\.id: must be kebab-case/],
    [
      'twice.yml',
      'trends:\n  - { id: a, name: A, description: "The first trend here." }\n  - { id: a, name: B, description: "The second trend here." }\n',
      /lists the trend "a" twice/,
    ],
  ])('refuses %s in one line naming the file', async (name, text, message) => {
    const file = text === undefined ? path.join(dir, name) : await listFile(name, text);
    const error = await loadTrends(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrendsError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

// The ask CLI as a user runs it: JSON shape, verbatim offsets, batch mode, and one-line errors with exit codes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/openai/fake-openai-server.js';
import { FABRICATED, fabricatedQuoteAnswer, goodAnswer } from '../fixtures/openai/replies.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ask(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/ask.ts', ...args],
      { env: { PATH: process.env.PATH, INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

describe('npm run ask', () => {
  it('prints one JSON object whose quotes are verbatim at their offsets', async () => {
    const run = await ask(['--json', 'What will happen with live video?']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ question: 'What will happen with live video?', mode: 'extractive', answer: expect.any(String) });
    expect(answer.quotes.length).toBeGreaterThan(0);
    for (const quote of answer.quotes) {
      expect(Object.keys(quote).sort()).toEqual(['end', 'file', 'score', 'speaker', 'start', 'text', 'title', 'year']);
      expect(quote.file).toMatch(/^corpus\//);
      expect(readFileSync(quote.file, 'utf8').slice(quote.start, quote.end)).toBe(quote.text);
    }
    expect(answer.quotes.some((quote: { text: string }) => quote.text.includes('live video'))).toBe(true);
  });

  it('answers "how many CMOs mention personalization?" from the trend map: the count, and one verbatim quote per counted contributor', async () => {
    const run = await ask(['--json', 'how many CMOs mention personalization?']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.consensus).toMatchObject({ trend: 'personalization', total: 23, year: 2017 });
    expect(answer.consensus.contributors).toBeGreaterThan(0);
    expect(answer.quotes).toHaveLength(answer.consensus.contributors);
    expect(new Set(answer.quotes.map((quote: { speaker: string }) => quote.speaker)).size).toBe(answer.quotes.length);
    expect(answer.answer).toMatch(
      new RegExp(`^${answer.consensus.contributors} of the 21 CMOs \\(2017\\) and none of the 2 blog posts \\(2014\\) speak to personalization\\.`),
    );
    for (const quote of answer.quotes) expect(readFileSync(quote.file, 'utf8').slice(quote.start, quote.end)).toBe(quote.text);
  });

  it('prints readable quotes with speaker, source and location by default', async () => {
    const run = await ask(['--k', '2', 'account-based marketing']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('— CMO at Balabit · Digital marketing trends 2017, 7 Digits');
    expect(run.stdout).toMatch(/corpus\/2017-digital-marketing-trends-21-cmos\.md:\d+-\d+/);
  });

  it('says plainly when nothing covers the question', async () => {
    const run = await ask(['--json', 'What is the best recipe for chocolate cake?']);
    expect(JSON.parse(run.stdout)).toMatchObject({ quotes: [], answer: expect.stringContaining('No quote') });
  });

  it('answers a batch from stdin in order, with an error line for a bad line', async () => {
    const stdin = [
      'podcasts',
      '{"question": "And what about audio?", "history": ["content marketing beyond text"]}',
      '{"question": 3}',
      '   ',
      'native advertising',
    ].join('\n');
    const run = await ask(['--json', '-'], { stdin });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0].question).toBe('podcasts');
    expect(lines[1].quotes[0].text).toContain('audio');
    expect(lines[2]).toMatchObject({ error: expect.stringContaining('"question"') });
    expect(lines[3].question).toBe('native advertising');
  });

  it.each([
    [['  '], /question is empty/, 1],
    [['--k', 'zero', 'video'], /--k must be a whole number/, 2],
    [['--frobnicate', 'video'], /unknown option '--frobnicate'/, 2],
    [[], /missing required argument/, 2],
    [['--file', 'nosuch.md', 'video'], /No corpus file matches --file nosuch\.md\. Corpus files: 2014-/, 1],
  ])('rejects bad input %j with one line on stderr and a non-zero exit', async (args, message, code) => {
    const run = await ask(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('reports an unreadable corpus in one line', async () => {
    const run = await ask(['video'], { env: { CORPUS_DIR: path.join(dir, 'no-such-folder') } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^error: Cannot read the corpus folder .*no-such-folder \(ENOENT\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers from a library with a bad file in a sub-folder, warning once about that file on stderr', async () => {
    const library = path.join(dir, 'library');
    await mkdir(path.join(library, 'Notes'), { recursive: true });
    await writeFile(path.join(library, 'Notes', 'video.md'), 'Short-form video is where our budget goes next year.\n');
    await writeFile(path.join(library, 'Notes', 'scan.md'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const run = await ask(['--json', 'short-form video budget'], { env: { CORPUS_DIR: library, INDEX_DIR: path.join(dir, 'library-index') } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).quotes[0]).toMatchObject({ text: 'Short-form video is where our budget goes next year.' });
    expect(run.stderr).toContain(`warning: skipped ${path.join(library, 'Notes', 'scan.md')}: binary, not text\n`);
    expect(run.stderr.match(/warning: skipped/g)).toHaveLength(1);
  });
});

describe('npm run ask with an OpenAI-compatible server', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ chat: goodAnswer });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setChat(goodAnswer);
    fake.setModelsStatus(200);
  });
  // EMBEDDINGS=local keeps the index this file shares local; only answers go to the server.
  const llmEnv = (extra: Record<string, string> = {}) => ({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'test-key',
    EMBEDDINGS: 'local',
    LLM_MAX_RETRIES: '0',
    ...extra,
  });

  it('answers in mode "llm" with only verified quotes, verbatim at their offsets', async () => {
    const run = await ask(['--json', 'What will happen with live video?'], { env: llmEnv() });
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ mode: 'llm', fallback_reason: null, verification: { quotes_checked: 1, quotes_dropped: 0, citations_dropped: 0 } });
    expect(answer.answer).toMatch(/\[1\]/);
    expect(answer.quotes.length).toBeGreaterThan(0);
    for (const quote of answer.quotes) expect(readFileSync(quote.file, 'utf8').slice(quote.start, quote.end)).toBe(quote.text);
    const quoted = [...answer.answer.matchAll(/[“"]([^“”"]+)[”"]/g)].map((match) => match[1]);
    expect(quoted).toHaveLength(1);
    expect(answer.quotes[0].text).toContain(quoted[0]);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('removes a fabricated quote and counts it', async () => {
    fake.setChat(fabricatedQuoteAnswer);
    const run = await ask(['--json', 'What will happen with live video?'], { env: llmEnv() });
    const answer = JSON.parse(run.stdout);
    expect(answer.mode).toBe('llm');
    expect(answer.answer).not.toContain(FABRICATED);
    expect(answer.verification.quotes_dropped).toBeGreaterThanOrEqual(1);
  });

  it('falls back to the quotes, with a note, when the server never answers', async () => {
    fake.setChat(() => ({ kind: 'hang' }));
    const run = await ask(['--json', 'What will happen with live video?'], { env: llmEnv({ LLM_DEADLINE_MS: '500' }) });
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ mode: 'extractive', fallback_reason: 'llm_timeout', note: expect.stringContaining('not available') });
    expect(answer.quotes.length).toBeGreaterThan(0);
  });

  it('stops at startup with one line naming OPENAI_API_KEY when the key is refused', async () => {
    fake.setModelsStatus(401);
    const run = await ask(['--json', 'What will happen with live video?'], { env: llmEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: The chat model server \(http:\/\/127\.0\.0\.1:\d+\/v1\) refused OPENAI_API_KEY \(HTTP 401\)/);
    expect(run.stdout).toBe('');
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it('stops at startup with one line when a prompt file is missing', async () => {
    const run = await ask(['video'], { env: llmEnv({ PROMPTS_DIR: path.join(dir, 'no-prompts') }) });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^error: Cannot read the prompt file .*no-prompts\/system\.md \(ENOENT\)\. Restore it from git, or set PROMPTS_DIR/);
    expect(fake.requests).toHaveLength(0);
  });
});

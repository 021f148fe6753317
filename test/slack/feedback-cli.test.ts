// `npm run feedback`: counts the latest votes and lists the answers voted down with their questions.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../src/feedback/feedback-store.js';

const run = promisify(execFile);
let dir: string;
let file: string;

const vote = (user: string, answerId: string, v: 'up' | 'down', question: string, time: string): FeedbackEntry => ({
  time,
  user,
  vote: v,
  answerId,
  question,
  standaloneQuestion: question,
  quotes: [{ text: 'q', file: 'corpus/a.md', start: 1, end: 2 }],
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-feedback-cli-'));
  file = path.join(dir, 'feedback.jsonl');
  const lines = [
    vote('U1', 'ans-a', 'down', 'what about bots?', 't1'),
    vote('U2', 'ans-a', 'down', 'what about bots?', 't2'),
    vote('U1', 'ans-b', 'down', 'video?', 't3'),
    vote('U1', 'ans-b', 'up', 'video?', 't4'), // replaces U1's earlier 👎 on ans-b
    vote('U3', 'ans-c', 'down', 'email?', 't5'),
  ];
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n', 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const feedback = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/feedback.ts', ...args], { env: { PATH: process.env.PATH ?? '', FEEDBACK_FILE: file } });

describe('npm run feedback', () => {
  it('summarises the latest vote per user and answer, answers voted down first', async () => {
    const { stdout } = await feedback();
    expect(stdout.split('\n')[0]).toBe(`4 votes (1 👍, 3 👎) on 3 answers in ${file}.`);
    expect(stdout).toContain('Answers voted down (2), most down votes first:');
    expect(stdout.indexOf('what about bots?')).toBeLessThan(stdout.indexOf('email?'));
    expect(stdout).not.toContain('video?');
    expect(stdout).toContain('answer ans-a; quotes shown: corpus/a.md:1-2');
  });

  it('prints JSON with --json', async () => {
    const { stdout } = await feedback('--json');
    const summary = JSON.parse(stdout) as { votes: number; up: number; down: number; downVoted: { answerId: string; question: string; down: number }[] };
    expect(summary).toMatchObject({ votes: 4, up: 1, down: 3 });
    expect(summary.downVoted.map((a) => [a.answerId, a.question, a.down])).toEqual([
      ['ans-a', 'what about bots?', 2],
      ['ans-c', 'email?', 1],
    ]);
  });
});

// The core every front end opens: questions checked once (an invalid one is a result, not an exception), then answered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openTrendbot, type Trendbot } from '../src/trendbot.js';
import { tempIndex, testCore, type TempIndex } from './helpers/temp-index.js';

let temp: TempIndex;
let core: Trendbot;
beforeAll(async () => {
  temp = await tempIndex();
  core = testCore(temp);
});
afterAll(() => temp.cleanup());

describe('Trendbot.ask', () => {
  const long = `What will happen with live video? ${'Please be thorough. '.repeat(60)}`;

  it('answers a question with verbatim quotes', async () => {
    const result = await core.ask({ question: '  What will happen with live video?  ' });
    expect(result).toMatchObject({ kind: 'answer', answer: { question: 'What will happen with live video?' } });
    expect(result.kind === 'answer' && result.answer.quotes.length).toBeGreaterThan(0);
  });

  it('returns an empty or whitespace-only question as invalid, with what to ask instead', async () => {
    for (const question of ['', '   \n\t ']) {
      expect(await core.ask({ question })).toEqual({
        kind: 'invalid_question',
        code: 'empty_question',
        message: expect.stringMatching(/^The question is empty: ask about a marketing trend/),
      });
    }
  });

  it('returns a question over the limit (1000 characters by default) as invalid; a raised limit accepts it', async () => {
    expect(await core.ask({ question: long })).toEqual({
      kind: 'invalid_question',
      code: 'question_too_long',
      message: `The question is ${long.trim().length} characters long; keep it under 1000.`,
    });
    const raised = await testCore(temp, { maxQuestionChars: 2000 }).ask({ question: long });
    expect(raised.kind).toBe('answer');
  });
});

describe('openTrendbot', () => {
  it('opens the configured store, names its models, loads them ahead of a question, answers, and closes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-core-'));
    const opened = await openTrendbot(loadConfig({ CORPUS_DIR: 'corpus', INDEX_DIR: path.join(dir, 'index'), EMBEDDINGS: 'local', ANSWER_MODE: 'extractive' }));
    try {
      expect(opened.models).toEqual({ embedder: 'trendbot-embedder', reranker: 'trendbot-reranker', chat: null });
      expect(opened.passages.passageCount()).toBe(temp.index.passages.length);
      expect(await opened.warmUp()).toEqual([]);
      const result = await opened.ask({ question: 'How many CMOs mention personalization?' });
      expect(result.kind === 'answer' && result.answer.consensus?.trend).toBe('personalization');
    } finally {
      await opened.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

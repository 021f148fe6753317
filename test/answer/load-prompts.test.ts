// Prompt files: the shipped ones load; a missing or malformed one is a one-line startup error naming the fix.
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../src/answer/llm/create-llm.js';
import { PromptError } from '../../src/answer/llm/errors.js';
import { loadPrompts } from '../../src/answer/llm/load-prompts.js';
import { loadConfig } from '../../src/config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-prompts-'));
  await cp('prompts', dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function promptError(): PromptError {
  try {
    loadPrompts(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(PromptError);
    expect((error as Error).message).not.toContain('\n');
    return error as PromptError;
  }
  throw new Error('expected a PromptError');
}

describe('loadPrompts', () => {
  it('loads the shipped prompts into templates with their placeholders', async () => {
    const prompts = loadPrompts('prompts');
    expect(prompts.answer.inputVariables.sort()).toEqual(['passages', 'question']);
    expect(prompts.rewrite.inputVariables.sort()).toEqual(['history', 'question']);
    const messages = await prompts.answer.formatMessages({ question: 'Q?', passages: '[1] a {literal} brace' });
    expect(messages.map((message) => message.getType())).toEqual(['system', 'human']);
    expect(messages[1]!.text).toContain('Question: Q?');
    expect(messages[1]!.text).toContain('[1] a {literal} brace');
  });

  it('names a missing file and how to fix it', async () => {
    await rm(path.join(dir, 'answer.md'));
    const error = promptError();
    expect(error.code).toBe('prompt_missing');
    expect(error.message).toBe(
      `Cannot read the prompt file ${path.join(dir, 'answer.md')} (ENOENT). Restore it from git, or set PROMPTS_DIR to the folder that holds it.`,
    );
  });

  it('names a missing placeholder', async () => {
    await writeFile(path.join(dir, 'answer.md'), 'Question: {question}\nNo passages here.');
    expect(promptError()).toMatchObject({ code: 'prompt_malformed', message: `The prompt file ${path.join(dir, 'answer.md')} must contain {passages}.` });
  });

  it('rejects an unknown placeholder and an unmatched brace', async () => {
    await writeFile(path.join(dir, 'rewrite-followup.md'), '{history} {question} {today}');
    expect(promptError().message).toBe(
      `The prompt file ${path.join(dir, 'rewrite-followup.md')} uses {today}; it may use only {question} and {history} (write {{ and }} for literal braces).`,
    );
    await writeFile(path.join(dir, 'rewrite-followup.md'), '{history} {question} {');
    expect(promptError().message).toMatch(/has an unmatched \{ or \}/);
    await writeFile(path.join(dir, 'system.md'), 'Answer as {persona}.');
    expect(promptError().message).toMatch(/system\.md uses \{persona\}; it may use no placeholders/);
  });

  it('rejects an empty file', async () => {
    await writeFile(path.join(dir, 'system.md'), '  \n');
    expect(promptError()).toMatchObject({ code: 'prompt_malformed', message: expect.stringMatching(/is empty\.$/) });
  });
});

describe('createLlm', () => {
  it('is undefined for extractive answers, and checks the prompts when answers are written by a model', async () => {
    expect(createLlm(loadConfig({ EMBEDDINGS: 'local' }))).toBeUndefined();
    expect(createLlm(loadConfig({ ANSWER_MODE: 'extractive', OPENAI_API_KEY: 'k', EMBEDDINGS: 'local' }))).toBeUndefined();
    expect(createLlm(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', PROMPTS_DIR: dir, EMBEDDINGS: 'local' }))).toMatchObject({
      model: 'gpt-4o-mini',
      maxRetries: 2,
      deadlineMs: 45_000,
    });
    await rm(path.join(dir, 'system.md'));
    expect(() => createLlm(loadConfig({ OPENAI_API_KEY: 'k', PROMPTS_DIR: dir, EMBEDDINGS: 'local' }))).toThrow(PromptError);
  });

  it('needs a key or a server for ANSWER_MODE=llm', () => {
    expect(() => loadConfig({ ANSWER_MODE: 'llm' })).toThrow(/ANSWER_MODE=llm needs OPENAI_API_KEY/);
  });
});

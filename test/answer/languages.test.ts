// A question in another language is answered from the documents in that language, or told which languages the
// documents are in.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { loadConfig } from '../../src/config.js';
import { openIndex } from '../../src/retrieval/hnswlib/open-index.js';
import type { SearchIndex } from '../../src/retrieval/hnswlib/search-index.js';

let dir: string;
let index: SearchIndex;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trendbot-languages-'));
  await cp('corpus', path.join(dir, 'corpus'), { recursive: true });
  await cp('test/fixtures/library/Interviews/International/entretien-ferrand-lac.md', path.join(dir, 'corpus/entretien.md'));
  index = await openIndex(loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index') }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('questions in other languages', () => {
  it('knows each document’s language', async () => {
    expect((await index.languages()).sort()).toEqual(['eng', 'fra']);
  });

  it('answers a French question from the French interview only', async () => {
    const answer = await answerQuestion(index, { question: 'Combien de membres compte le programme de fidélité de Ferrand-Lac ?' });
    expect(answer.notAQuestion).toBeUndefined();
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.quotes.every((quote) => quote.file.endsWith('entretien.md'))).toBe(true);
    expect(answer.quotes.map((quote) => quote.text).join(' ')).toContain('410 000 membres');
  });

  it('names the corpus’s languages for a question in another one', async () => {
    const answer = await answerQuestion(index, { question: 'Was sagen die CMOs über Live-Video?' });
    expect(answer).toMatchObject({ notAQuestion: 'not_english', quotes: [] });
    expect(answer.answer).toMatch(/^I can only answer in English and French: the documents I search are in English and French\./);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { tempIndex, type TempIndex } from '../helpers/temp-index.js';

let temp: TempIndex;
beforeAll(async () => {
  temp = await tempIndex();
});
afterAll(() => temp.cleanup());

describe('question limits', () => {
  const long = `What will happen with live video? ${'Please be thorough. '.repeat(60)}`;

  it('rejects a question over the default 1000 characters with a clear message', async () => {
    await expect(answerQuestion(temp.index, { question: long })).rejects.toThrow(/keep it under 1000/);
  });

  it('accepts it when the limit is raised (MAX_QUESTION_CHARS)', async () => {
    const answer = await answerQuestion(temp.index, { question: long }, { maxQuestionChars: 2000 });
    expect(answer.quotes.length).toBeGreaterThan(0);
  });
});

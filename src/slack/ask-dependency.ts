// The Slack app's `ask` over answerQuestion: the model is passed on, and progress only when a model makes answers slow.
import type { Logger } from 'pino';
import { answerQuestion } from '../answer/answer-question.js';
import type { Llm } from '../answer/llm/create-llm.js';
import type { PassageStore } from '../retrieval/passage-store.js';
import { AnswerQueue } from './answer-queue.js';
import { QUOTES_PER_PAGE } from './blocks/answer-blocks.js';
import type { SlackDeps } from './deps.js';

// Answers computed at once, and how many may wait. An extractive answer is mostly CPU (the embedding model, on one
// ONNX Runtime thread); an LLM answer mostly waits for the model server, so more can be under way.
const CONCURRENT_ANSWERS = 2;
const CONCURRENT_LLM_ANSWERS = 16;
const MAX_WAITING_ANSWERS = 50;
// Slack shows QUOTES_PER_PAGE at a time: retrieving twice as many makes "Show more quotes" worth a click.
const SLACK_K = 2 * QUOTES_PER_PAGE;

/** `passages.store` is read per question, so a rebuilt index (the corpus changed) is used from the next question on. */
export function askDependency(passages: { readonly store: PassageStore }, options: { llm?: Llm; logger?: Logger; maxQuestionChars?: number }): SlackDeps['ask'] {
  const { llm, logger, maxQuestionChars } = options;
  // Extractive answers take tens of milliseconds: no progress, so no placeholder flashes before them.
  const queue = new AnswerQueue(llm ? CONCURRENT_LLM_ANSWERS : CONCURRENT_ANSWERS, MAX_WAITING_ANSWERS);
  return (input, progress) =>
    queue.run(() => answerQuestion(passages.store, input, { k: SLACK_K, llm, logger, maxQuestionChars, onProgress: llm ? progress?.onProgress : undefined }));
}

// The Slack app's `ask` over answerQuestion: the model is passed on, and progress only when a model makes answers slow.
import type { Logger } from 'pino';
import { answerQuestion } from '../answer/answer-question.js';
import type { Llm } from '../answer/llm/create-llm.js';
import type { PassageStore } from '../retrieval/passage-store.js';
import type { SlackDeps } from './deps.js';

/** `passages.store` is read per question, so a rebuilt index (the corpus changed) is used from the next question on. */
export function askDependency(passages: { readonly store: PassageStore }, options: { llm?: Llm; logger?: Logger; maxQuestionChars?: number }): SlackDeps['ask'] {
  const { llm, logger, maxQuestionChars } = options;
  // Extractive answers take milliseconds: no progress, so no placeholder flashes before them.
  return (input, progress) => answerQuestion(passages.store, input, { llm, logger, maxQuestionChars, onProgress: llm ? progress?.onProgress : undefined });
}

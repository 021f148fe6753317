// The one entry point every front end uses: question (and conversation) in, answer with verbatim quotes out.
import type { SearchIndex } from '../retrieval/search-index.js';
import { retrieve, type RetrieveOptions } from '../retrieval/retrieve.js';
import { extractiveLead, toQuote } from './extractive.js';
import { rewriteFollowUp } from './rewrite-followup.js';
import type { Answer } from './types.js';

export interface AskInput {
  question: string;
  /** Earlier questions of the conversation, oldest first. */
  history?: string[];
}

// Slack and terminals both read comfortably up to about this many characters of question.
export const MAX_QUESTION_CHARS = 1000;

export class QuestionError extends Error {
  constructor(
    readonly code: 'empty_question' | 'question_too_long',
    message: string,
  ) {
    super(message);
  }
}

export function validateQuestion(question: string, maxChars = MAX_QUESTION_CHARS): string {
  const trimmed = question.trim();
  if (!trimmed) throw new QuestionError('empty_question', 'The question is empty: ask about a marketing trend, e.g. "What will happen with live video?"');
  if (trimmed.length > maxChars) {
    throw new QuestionError('question_too_long', `The question is ${trimmed.length} characters long; keep it under ${maxChars}.`);
  }
  return trimmed;
}

export async function answerQuestion(index: SearchIndex, input: AskInput, options: RetrieveOptions = {}): Promise<Answer> {
  const question = validateQuestion(input.question);
  const standalone = rewriteFollowUp(question, input.history ?? []);
  const hits = await retrieve(index, { question, context: standalone.context }, options);
  const quotes = hits.map(toQuote);
  return {
    question,
    standaloneQuestion: standalone.text,
    mode: 'extractive',
    answer: extractiveLead(question, quotes),
    quotes,
  };
}

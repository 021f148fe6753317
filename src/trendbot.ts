// The core every front end opens (CLI ask/eval, Slack, bench): configuration in; asking, the corpus, the trend map
// and closing out. Questions are checked here, once; an invalid one is an answer of its own kind, not an exception.
import type { Logger } from 'pino';
import { answerQuestion, type AnswerOptions, type AskInput } from './answer/answer-question.js';
import { checkLlmAccess, createLlm, type Llm } from './answer/llm/create-llm.js';
import type { Answer } from './answer/types.js';
import type { Config } from './config.js';
import { embedderName } from './retrieval/embedders/create-embedder.js';
import { openStore, type OpenedStore, type OpenStoreOptions } from './retrieval/open-store.js';
import { trendMapLoader } from './trends/open-trend-map.js';
import type { TrendMap } from './trends/trend-map.js';

// Slack and terminals both read comfortably up to about this many characters of question (MAX_QUESTION_CHARS).
export const DEFAULT_MAX_QUESTION_CHARS = 1000;

export interface InvalidQuestion {
  kind: 'invalid_question';
  code: 'empty_question' | 'question_too_long';
  /** One line for the user, saying what to change. */
  message: string;
}

export type AskResult = { kind: 'answer'; answer: Answer } | InvalidQuestion;

/** Per-question choices a front end may make; the chat model, logger and trend map are the core's. */
export type AskOptions = Pick<AnswerOptions, 'k' | 'year' | 'file' | 'retriever' | 'minSimilarity' | 'onModelWork' | 'onVerifiedText'>;

export interface Trendbot {
  /** Checks the question (trimmed, 1 to maxQuestionChars characters), then answers it with verbatim quotes. */
  ask(input: AskInput, options?: AskOptions): Promise<AskResult>;
  /** The opened passages: `store` to search, `sourcePassages()` for `/trend sources` and `--file`. */
  passages: Passages;
  /** The trend map, computed or read on first use; undefined when there is none (or it is turned off). */
  trendMap(): Promise<TrendMap | undefined>;
  /** What answers, for `ask --json` and logs: the embedding model, the reranker (none ships), the chat model. */
  models: { embedder: string; reranker: string | null; chat: string | null };
  close(): Promise<void>;
}

/** The passages a core answers from (an OpenedStore, or a test's index). */
export type Passages = Pick<OpenedStore, 'store' | 'sourcePassages' | 'passageCount'> & Partial<Pick<OpenedStore, 'kind' | 'close'>>;

export interface TrendbotParts {
  passages: Passages;
  llm?: Llm;
  trendMap?: () => Promise<TrendMap | undefined>;
  embedder: string;
}

/** A core over parts already open (tests and the bench hand in their own); `close` closes the passages. */
export function trendbotOver(parts: TrendbotParts, settings: { maxQuestionChars?: number; logger?: Logger } = {}): Trendbot {
  const { passages, llm } = parts;
  const trendMap = parts.trendMap ?? (async () => undefined);
  const maxChars = settings.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS;
  return {
    async ask(input, options = {}) {
      const question = input.question.trim();
      if (!question) return invalid('empty_question', 'The question is empty: ask about a marketing trend, e.g. "What will happen with live video?"');
      if (question.length > maxChars) return invalid('question_too_long', `The question is ${question.length} characters long; keep it under ${maxChars}.`);
      const answer = await answerQuestion(passages.store, { ...input, question }, { ...options, llm, logger: settings.logger, trends: trendMap });
      return { kind: 'answer', answer };
    },
    passages,
    trendMap,
    models: { embedder: parts.embedder, reranker: null, chat: llm?.model ?? null },
    close: async () => passages.close?.(),
  };
}

export interface OpenTrendbotOptions {
  logger?: Logger;
  /** How the store is opened: rebuild and progress callbacks, corpus watching. */
  store?: OpenStoreOptions;
  /** false answers every question by retrieval (`eval --no-trend-map`). */
  trendMap?: boolean;
}

/**
 * Opens the core from the configuration: the chat model first (a bad prompt file throws PromptError, a refused key
 * LlmError 'llm_unauthorized'), then the passages (the in-process index, built or rebuilt as needed, or Postgres +
 * pgvector; CorpusError, ModelError, PgStoreError), then a trend map loaded on first use (its failure is logged and
 * questions are answered by retrieval alone).
 */
export async function openTrendbot(config: Readonly<Config>, options: OpenTrendbotOptions = {}): Promise<Trendbot> {
  const { logger } = options;
  const llm = createLlm(config);
  await checkLlmAccess(config);
  const passages = await openStore(config, options.store);
  const trendMap =
    options.trendMap === false
      ? undefined
      : trendMapLoader(config, passages, (error) => logger?.warn({ err: error }, 'no trend map: answering by retrieval alone'));
  return trendbotOver({ passages, llm, trendMap, embedder: embedderName(config) }, { maxQuestionChars: config.maxQuestionChars, logger });
}

function invalid(code: InvalidQuestion['code'], message: string): InvalidQuestion {
  return { kind: 'invalid_question', code, message };
}

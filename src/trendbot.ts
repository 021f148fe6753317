// The core every front end opens (CLI ask/eval, Slack, bench): configuration in; asking, the corpus, the trend map
// and closing out. Questions are checked here, once; an invalid one is an answer of its own kind, not an exception.
import type { Logger } from 'pino';
import { answerQuestion, type AnswerOptions, type AskInput } from './answer/answer-question.js';
import { checkLlmAccess, createLlm, type Llm } from './answer/llm/create-llm.js';
import type { Answer } from './answer/types.js';
import { DEFAULT_MAX_QUESTION_CHARS, type Config } from './config.js';
import { embedderName } from './retrieval/embedders/create-embedder.js';
import { openStore, type OpenedStore, type OpenStoreOptions } from './retrieval/open-store.js';
import { trendMapLoader } from './trends/open-trend-map.js';
import type { TrendMap } from './trends/trend-map.js';

export interface InvalidQuestion {
  kind: 'invalid_question';
  code: 'empty_question' | 'question_too_long';
  /** One line for the user, saying what to change. */
  message: string;
}

export type AskResult = { kind: 'answer'; answer: Answer } | InvalidQuestion;

/** Per-question choices a front end may make; the chat model, logger and trend map are the core's. */
export type AskOptions = Pick<AnswerOptions, 'k' | 'year' | 'file' | 'retriever' | 'judge' | 'onModelWork' | 'onVerifiedText'>;

export interface Trendbot {
  /** Checks the question (trimmed, 1 to maxQuestionChars characters), then answers it with verbatim quotes. */
  ask(input: AskInput, options?: AskOptions): Promise<AskResult>;
  /** The opened passages: `store` to search, `sourcePassages()` for `/trend sources` and `--file`. */
  passages: Passages;
  /** The trend map, computed or read on first use; undefined when there is none (or it is turned off). */
  trendMap(): Promise<TrendMap | undefined>;
  /** What answers, for `ask --json` and logs: the embedding model, the reranker (RERANKER_MODEL, or none), the chat model. */
  models: { embedder: string; reranker: string | null; chat: string | null };
  /**
   * Loads what the first question would otherwise wait for (about 2 s for the local models on their threads): embeds
   * one text, scores one pair with the reranker, reads or computes the trend map. Resolves with the failures, if any.
   */
  warmUp(): Promise<unknown[]>;
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

const WARM_UP_TEXT = 'video marketing';

/** A core over parts already open (tests and the bench hand in their own); `close` closes the passages. */
export function trendbotOver(parts: TrendbotParts, settings: { maxQuestionChars?: number; logger?: Logger } = {}): Trendbot {
  const { passages, llm } = parts;
  const trendMap = parts.trendMap ?? (async () => undefined);
  const maxChars = settings.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS;
  return {
    async ask(input, options = {}) {
      const invalid = checkQuestion(input.question, maxChars);
      if (invalid) return invalid;
      const answer = await answerQuestion(
        passages.store,
        { ...input, question: input.question.trim() },
        { ...options, llm, logger: settings.logger, trends: trendMap },
      );
      return { kind: 'answer', answer };
    },
    passages,
    trendMap,
    models: { embedder: parts.embedder, reranker: passages.store.reranker?.name ?? null, chat: llm?.model ?? null },
    async warmUp() {
      const { embedder, reranker } = passages.store;
      const settled = await Promise.allSettled([embedder.embedQuery(WARM_UP_TEXT), reranker?.score(WARM_UP_TEXT, [WARM_UP_TEXT]), trendMap()]);
      return settled.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    },
    close: async () => passages.close?.(),
  };
}

export interface OpenTrendbotOptions {
  logger?: Logger;
  /** How the store is opened: rebuild and progress callbacks, corpus watching. */
  store?: OpenStoreOptions;
  /** false answers every question by retrieval (`eval --no-trend-map`). */
  trendMap?: boolean;
  /** false keeps answers extractive whatever ANSWER_MODE says (`eval` measures retrieval unless told otherwise). */
  chatModel?: boolean;
}

/**
 * Opens the core from the configuration: the chat model first (a bad prompt file throws PromptError, a refused key
 * LlmError 'llm_unauthorized'), then the passages (the in-process index, built or rebuilt as needed, or Postgres +
 * pgvector; CorpusError, ModelError, PgStoreError), then a trend map loaded on first use (its failure is logged and
 * questions are answered by retrieval alone).
 */
export async function openTrendbot(config: Readonly<Config>, options: OpenTrendbotOptions = {}): Promise<Trendbot> {
  const { logger } = options;
  const answering = options.chatModel === false ? { ...config, answerMode: 'extractive' as const } : config;
  const llm = createLlm(answering);
  await checkLlmAccess(answering);
  const passages = await openStore(config, options.store);
  const trendMap =
    options.trendMap === false
      ? undefined
      : trendMapLoader(config, passages, (error) => logger?.warn({ err: error }, 'no trend map: answering by retrieval alone'));
  return trendbotOver({ passages, llm, trendMap, embedder: embedderName(config) }, { maxQuestionChars: config.maxQuestionChars, logger });
}

/**
 * What is wrong with a question, or undefined when it can be asked: it must have 1 to maxChars characters once
 * trimmed. Trendbot.ask applies it; front ends may apply it first to fail before spending anything (a rate-limit
 * token, opening the index).
 */
export function checkQuestion(question: string, maxChars = DEFAULT_MAX_QUESTION_CHARS): InvalidQuestion | undefined {
  const chars = question.trim().length;
  if (chars === 0)
    return {
      kind: 'invalid_question',
      code: 'empty_question',
      message: 'The question is empty: ask about a marketing trend, e.g. "What will happen with live video?"',
    };
  if (chars > maxChars)
    return { kind: 'invalid_question', code: 'question_too_long', message: `The question is ${chars} characters long; keep it under ${maxChars}.` };
  return undefined;
}

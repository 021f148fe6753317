// What the Slack listeners work with, built once by createSlackDeps; tests hand in their own pieces the same way.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { answerQuestion, type AnswerOptions, type AskInput } from '../answer/answer-question.js';
import type { Llm } from '../answer/llm/create-llm.js';
import type { Answer } from '../answer/types.js';
import type { Config } from '../config.js';
import type { OpenedStore } from '../retrieval/open-store.js';
import type { TrendMap } from '../trends/trend-map.js';
import { AnswerQueue } from './answer-queue.js';
import { QUOTES_PER_PAGE } from './blocks/answer-blocks.js';
import { summarizeSources, type SourceSummary } from './sources.js';
import { createState, type SlackState, type StateConfig, type StateOptions } from './state/create-state.js';

export interface SlackDeps extends Omit<SlackState, 'close' | 'kind'> {
  /**
   * Answers a question exactly as `npm run ask` does. Calls `onProgress` and `onVerifiedText` only when a chat
   * model is configured (the first progress makes the listener show a placeholder; verified text is streamed).
   * Rejects with BusyError when too many questions are waiting.
   */
  ask: (input: AskInput, progress?: Pick<AnswerOptions, 'onProgress' | 'onVerifiedText'>) => Promise<Answer>;
  /** The corpus documents, for `/trend sources`. */
  sources: () => SourceSummary[];
  /** The trend map (`/trend` with no topic, and its buttons); undefined when there is none. */
  trendMap: () => Promise<TrendMap | undefined>;
  logger: Logger;
  limits: {
    /** Questions per user per minute (also said in the friendly message). */
    perMinute: number;
    /** Longest question accepted, in characters. */
    maxQuestionChars: number;
  };
  /** Short random ids for answers and request references. */
  newId?: (prefix: string) => string;
}

export type SlackDepsConfig = StateConfig & Pick<Config, 'maxQuestionChars'>;

export interface SlackDepsOptions extends StateOptions {
  logger: Logger;
  /** Wraps the real `ask` (tests slow it down or make it fail). */
  wrapAsk?: (ask: SlackDeps['ask']) => SlackDeps['ask'];
}

// Answers computed at once, and how many may wait. An extractive answer is mostly CPU (the embedding model, on its
// own thread); an LLM answer mostly waits for the model server, so more can be under way.
const CONCURRENT_ANSWERS = 2;
const CONCURRENT_LLM_ANSWERS = 16;
const MAX_WAITING_ANSWERS = 50;
// Slack shows QUOTES_PER_PAGE at a time: retrieving twice as many makes "Show more quotes" worth a click.
const SLACK_K = 2 * QUOTES_PER_PAGE;

/** The passages answers come from; `store` is read per question, so a rebuilt index is used from the next one on. */
export type Passages = Pick<OpenedStore, 'store' | 'sourcePassages'> & { close?: () => Promise<void> };

/**
 * The Slack app's dependencies. The state (memory, or Redis: an unreachable one throws StateStartupError) is set
 * up first, so a wrong REDIS_URL fails before `openPassages` builds an index; answers then come from those passages
 * through a bounded queue, with the chat model when given. `close` releases the state and the passages.
 */
export async function createSlackDeps<P extends Passages>(
  config: SlackDepsConfig,
  core: { openPassages: () => Promise<P>; llm?: Llm; trends?: (passages: P) => () => Promise<TrendMap | undefined> },
  options: SlackDepsOptions,
): Promise<SlackDeps & { state: SlackState['kind']; passages: P; close: () => Promise<void> }> {
  const { llm } = core;
  const { logger } = options;
  const state = await createState(config, options);
  const passages = await core.openPassages().catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const queue = new AnswerQueue(llm ? CONCURRENT_LLM_ANSWERS : CONCURRENT_ANSWERS, MAX_WAITING_ANSWERS);
  const trendMap = core.trends?.(passages) ?? (async () => undefined);
  const ask: SlackDeps['ask'] = (input, progress) =>
    // Extractive answers take tens of milliseconds: no progress, so no placeholder flashes before them.
    queue.run(() =>
      answerQuestion(passages.store, input, { k: SLACK_K, llm, logger, maxQuestionChars: config.maxQuestionChars, trends: trendMap, ...(llm ? progress : {}) }),
    );
  const { kind, close, ...stores } = state;
  return {
    ...stores,
    state: kind,
    passages,
    close: async () => {
      await close();
      await passages.close?.().catch(() => undefined);
    },
    ask: options.wrapAsk ? options.wrapAsk(ask) : ask,
    sources: () => summarizeSources(passages.sourcePassages()),
    trendMap,
    logger,
    limits: { perMinute: config.rateLimitPerMinute, maxQuestionChars: config.maxQuestionChars },
  };
}

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

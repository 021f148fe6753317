// What the Slack listeners work with, built once by createSlackDeps; tests hand in their own pieces the same way.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AskInput } from '../answer/answer-question.js';
import type { Config } from '../config.js';
import type { AskOptions, AskResult, Trendbot } from '../trendbot.js';
import type { TrendMap } from '../trends/trend-map.js';
import { AckTracker } from './ack-first.js';
import { AnswerQueue } from './answer-queue.js';
import { QUOTES_PER_PAGE } from './blocks/answer-blocks.js';
import { summarizeSources, type SourceSummary } from './sources.js';
import { createState, type SlackState, type StateConfig, type StateOptions } from './state/create-state.js';

export interface SlackDeps extends Omit<SlackState, 'close' | 'kind'> {
  /**
   * Answers a question exactly as `npm run ask` does (Trendbot.ask), through a bounded queue. `onModelWork` and
   * `onVerifiedText` are called only when a chat model is configured (a placeholder; streamed verified text).
   * Rejects with BusyError when too many questions are waiting.
   */
  ask: (input: AskInput, progress?: Pick<AskOptions, 'onModelWork' | 'onVerifiedText'>) => Promise<AskResult>;
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
  /** Requests waiting for their ack: work that follows an ack waits for them (ack-first.ts). */
  acks: AckTracker;
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

/**
 * The Slack app's dependencies. The state (memory, or Redis: an unreachable one throws StateStartupError) is set
 * up first, so a wrong REDIS_URL fails before `openCore` builds an index; answers then come from the core through a
 * bounded queue. `close` releases the state and the core.
 */
export async function createSlackDeps(
  config: SlackDepsConfig,
  openCore: () => Promise<Trendbot>,
  options: SlackDepsOptions,
): Promise<SlackDeps & { state: SlackState['kind']; core: Trendbot; close: () => Promise<void> }> {
  const { logger } = options;
  const state = await createState(config, options);
  const core = await openCore().catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const withModel = core.models.chat !== null;
  const acks = new AckTracker();
  const queue = new AnswerQueue(withModel ? CONCURRENT_LLM_ANSWERS : CONCURRENT_ANSWERS, MAX_WAITING_ANSWERS, () => acks.idle());
  const ask: SlackDeps['ask'] = (input, progress) => queue.run(() => core.ask(input, { k: SLACK_K, ...progress }));
  const { kind, close, ...stores } = state;
  return {
    ...stores,
    state: kind,
    core,
    close: async () => {
      await close();
      await core.close().catch(() => undefined);
    },
    ask: options.wrapAsk ? options.wrapAsk(ask) : ask,
    sources: () => summarizeSources(core.passages.sourcePassages()),
    trendMap: () => core.trendMap(),
    logger,
    acks,
    limits: { perMinute: config.rateLimitPerMinute, maxQuestionChars: config.maxQuestionChars },
  };
}

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

// What the Slack app remembers, in this process (default) or in Redis shared by all replicas (REDIS_URL); votes in
// FEEDBACK_FILE, or in Postgres with DATABASE_URL.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { JsonLinesFeedbackStore, type FeedbackStore } from '../../feedback/feedback-store.js';
import { PgFeedbackStore } from '../../feedback/pg-feedback-store.js';
import { redactUrl } from '../../redact-url.js';
import { MemoryAnswerStore, type AnswerStore } from './answer-store.js';
import { MemoryConversationStore, type ConversationStore } from './conversation-store.js';
import { DEFAULT_ANSWERING_TTL_MS, DEFAULT_CLAIM_TTL_MS, MemoryEventDedupe, type EventDedupe } from './event-dedupe.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { RedisAnswerStore } from './redis-answer-store.js';
import { connectRedis } from './redis-client.js';
import { RedisConversationStore } from './redis-conversation-store.js';
import { RedisEventDedupe } from './redis-event-dedupe.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

export interface SlackState {
  /** 'redis' when shared through REDIS_URL. */
  kind: 'memory' | 'redis';
  dedupe: EventDedupe;
  rateLimiter: RateLimiter;
  conversations: ConversationStore;
  answers: AnswerStore;
  feedback: FeedbackStore;
  /** How long an event claim lasts while answering and once answered (ms). */
  claimTtl: ClaimTtl;
  /** Closes the Redis connection and the Postgres pool, if any; safe to call twice. */
  close: () => Promise<void>;
}

export interface ClaimTtl {
  answeringMs: number;
  answeredMs: number;
}

export type StateConfig = Pick<Config, 'feedbackFile' | 'rateLimitPerMinute'> &
  Partial<Pick<Config, 'redisUrl' | 'databaseUrl'>> & { llm?: Pick<Config['llm'], 'deadlineMs'> };

export interface StateOptions {
  /** Namespace of every Redis key; several bots (or tests) can share one Redis. */
  keyPrefix?: string;
  /** Overrides the claim lifetimes (tests use short ones). */
  claimTtl?: ClaimTtl;
  logger?: Logger;
}

/** In-process state, or Redis state when config.redisUrl is set (connects and PINGs first: StateStartupError if unreachable). */
export async function createState(config: StateConfig, options: StateOptions = {}): Promise<SlackState> {
  const claimTtl = options.claimTtl ?? claimTtlFor(config);
  const feedback: FeedbackStore & { close?: () => Promise<void> } = config.databaseUrl
    ? await PgFeedbackStore.connect(config.databaseUrl)
    : new JsonLinesFeedbackStore(config.feedbackFile);
  const closeFeedback = async () => feedback.close?.();
  if (!config.redisUrl) {
    return {
      kind: 'memory',
      dedupe: new MemoryEventDedupe(),
      rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
      conversations: new MemoryConversationStore(),
      answers: new MemoryAnswerStore(),
      feedback,
      claimTtl,
      close: closeFeedback,
    };
  }
  const redis = await connectRedis(config.redisUrl).catch(async (error: unknown) => {
    await closeFeedback();
    throw error;
  });
  watchConnection(redis, options.logger, redactUrl(config.redisUrl));
  const prefix = options.keyPrefix ?? 'trendbot:';
  return {
    kind: 'redis',
    dedupe: new RedisEventDedupe(redis, prefix),
    rateLimiter: new RedisRateLimiter(redis, prefix, config.rateLimitPerMinute),
    conversations: new RedisConversationStore(redis, prefix),
    answers: new RedisAnswerStore(redis, prefix),
    feedback,
    claimTtl,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
      await closeFeedback();
    },
  };
}

/** A claim outlasts the longest answer the model deadline allows, with room for retrieval and Slack calls. */
function claimTtlFor(config: StateConfig): ClaimTtl {
  const answeringMs = Math.max(DEFAULT_ANSWERING_TTL_MS, (config.llm?.deadlineMs ?? 0) + 60_000);
  return { answeringMs, answeredMs: Math.max(DEFAULT_CLAIM_TTL_MS, answeringMs) };
}

/** Logs losing Redis once (not every reconnection attempt) and getting it back. */
function watchConnection(redis: Redis, logger: Logger | undefined, where: string): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger?.error({ err: error, redis: where }, 'lost the connection to Redis; questions get an apology until it is back');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.info({ redis: where }, 'reconnected to Redis');
  });
}

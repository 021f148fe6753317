// The Slack dependencies: the core (ask, sources) and the state, in-process here or from createStateDeps (Redis).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SlackDeps } from './deps.js';
import { MemoryAnswerStore } from './state/answer-store.js';
import { MemoryConversationStore } from './state/conversation-store.js';
import { MemoryEventDedupe } from './state/event-dedupe.js';
import { JsonLinesFeedbackStore } from './state/feedback-store.js';
import { MemoryRateLimiter } from './state/rate-limiter.js';
import type { StateDeps } from './state-deps.js';

export function inProcessDeps(config: Pick<Config, 'feedbackFile' | 'rateLimitPerMinute' | 'maxQuestionChars'>, core: Pick<SlackDeps, 'ask' | 'sources'>, logger: Logger): SlackDeps {
  return {
    ...core,
    dedupe: new MemoryEventDedupe(),
    rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
    conversations: new MemoryConversationStore(),
    answers: new MemoryAnswerStore(),
    feedback: new JsonLinesFeedbackStore(config.feedbackFile),
    logger,
    limits: { perMinute: config.rateLimitPerMinute, maxQuestionChars: config.maxQuestionChars },
  };
}

/** The Slack dependencies over state made by createStateDeps (in process, or Redis shared by replicas). */
export function slackDeps(
  config: Pick<Config, 'rateLimitPerMinute' | 'maxQuestionChars'>,
  core: Pick<SlackDeps, 'ask' | 'sources'>,
  state: Omit<StateDeps, 'kind' | 'close'>,
  logger: Logger,
): SlackDeps {
  const { dedupe, rateLimiter, conversations, answers, feedback, claimTtl } = state;
  return { ...core, dedupe, rateLimiter, conversations, answers, feedback, claimTtl, logger, limits: { perMinute: config.rateLimitPerMinute, maxQuestionChars: config.maxQuestionChars } };
}

// The Slack dependencies: the core (ask, sources) over the state, in this process or from createStateDeps (Redis).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SlackDeps } from './deps.js';
import { MemoryAnswerStore } from './state/answer-store.js';
import { MemoryConversationStore } from './state/conversation-store.js';
import { MemoryEventDedupe } from './state/event-dedupe.js';
import { JsonLinesFeedbackStore } from '../feedback/feedback-store.js';
import { MemoryRateLimiter } from './state/rate-limiter.js';

export type SlackState = Pick<SlackDeps, 'dedupe' | 'rateLimiter' | 'conversations' | 'answers' | 'feedback' | 'claimTtl'>;

/** State kept in this process: one app instance (votes in the JSON-lines file). */
export function memoryState(config: Pick<Config, 'feedbackFile' | 'rateLimitPerMinute'>): SlackState {
  return {
    dedupe: new MemoryEventDedupe(),
    rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
    conversations: new MemoryConversationStore(),
    answers: new MemoryAnswerStore(),
    feedback: new JsonLinesFeedbackStore(config.feedbackFile),
  };
}

export function inProcessDeps(config: Pick<Config, 'feedbackFile' | 'rateLimitPerMinute' | 'maxQuestionChars'>, core: Pick<SlackDeps, 'ask' | 'sources'>, logger: Logger): SlackDeps {
  return slackDeps(config, core, memoryState(config), logger);
}

/** The Slack dependencies over state from memoryState or createStateDeps (in process, or Redis shared by replicas). */
export function slackDeps(config: Pick<Config, 'rateLimitPerMinute' | 'maxQuestionChars'>, core: Pick<SlackDeps, 'ask' | 'sources'>, state: SlackState, logger: Logger): SlackDeps {
  const { dedupe, rateLimiter, conversations, answers, feedback, claimTtl } = state;
  return { ...core, dedupe, rateLimiter, conversations, answers, feedback, claimTtl, logger, limits: { perMinute: config.rateLimitPerMinute, maxQuestionChars: config.maxQuestionChars } };
}

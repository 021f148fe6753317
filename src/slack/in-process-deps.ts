// The Slack dependencies with in-process state (one app instance); a shared store can replace each piece later.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SlackDeps } from './deps.js';
import { MemoryAnswerStore } from './state/answer-store.js';
import { MemoryConversationStore } from './state/conversation-store.js';
import { MemoryEventDedupe } from './state/event-dedupe.js';
import { JsonLinesFeedbackStore } from './state/feedback-store.js';
import { MemoryRateLimiter } from './state/rate-limiter.js';

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

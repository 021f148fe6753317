// What the Slack listeners work with, passed in explicitly so tests can hand in real or fake pieces.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AnswerStage, AskInput } from '../answer/answer-question.js';
import type { Answer } from '../answer/types.js';
import type { SourceSummary } from './sources.js';
import type { AnswerStore } from './state/answer-store.js';
import type { ConversationStore } from './state/conversation-store.js';
import type { EventDedupe } from './state/event-dedupe.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';
import type { RateLimiter } from './state/rate-limiter.js';

export interface SlackDeps {
  /**
   * Answers a question exactly as `npm run ask` does. Calls `onProgress` only when answering takes model time
   * (a chat model is configured); the first call makes the listener show a placeholder.
   */
  ask: (input: AskInput, progress?: { onProgress?: (stage: AnswerStage) => void }) => Promise<Answer>;
  /** The corpus documents, for `/trend sources`. */
  sources: () => SourceSummary[];
  dedupe: EventDedupe;
  rateLimiter: RateLimiter;
  conversations: ConversationStore;
  answers: AnswerStore;
  feedback: FeedbackStore;
  logger: Logger;
  limits: {
    /** Questions per user per minute (also said in the friendly message). */
    perMinute: number;
    /** Longest question accepted, in characters. */
    maxQuestionChars: number;
  };
  /** How long an event claim lasts while answering and once answered (ms); defaults in state/event-dedupe.ts. */
  claimTtl?: { answeringMs: number; answeredMs: number };
  /** Short random ids for answers and request references. */
  newId?: (prefix: string) => string;
}

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

// The path every question takes in Slack: limits, conversation history, answerQuestion, Block Kit, apology on failure.
import type { Logger } from 'pino';
import { QuestionError, validateQuestion } from '../answer/answer-question.js';
import { answerMessage, type SlackMessage } from './blocks/answer-blocks.js';
import { BusyError } from './answer-queue.js';
import { apologyMessage, busyMessage, invalidQuestionMessage, rateLimitedMessage } from './blocks/notice-blocks.js';
import { randomId, type SlackDeps } from './deps.js';
import type { ConversationKey } from './state/conversation-store.js';

export interface QuestionRequest {
  user: string;
  /** The question as the user typed it, mentions already removed. */
  text: string;
  /** Where follow-ups are remembered; undefined for one-off questions (/trend). */
  conversation?: ConversationKey;
  /** Ephemeral answers get a "Share in channel" button. */
  shareable?: boolean;
  feedback?: 'feedback_buttons' | 'buttons';
  /** Called when answering will take a while (a chat model writes it): shows a placeholder. */
  onWorking?: () => void;
  /** Streams the model's synthesis: each verified piece, in order (answerQuestion's onVerifiedText). */
  onVerifiedText?: (piece: string) => Promise<void>;
}

/** Builds the reply to a question; expected outcomes (limits, invalid questions) are messages too. */
export async function replyToQuestion(deps: SlackDeps, request: QuestionRequest, log: Logger): Promise<SlackMessage> {
  try {
    return await answerValidQuestion(deps, request, validateQuestion(request.text, deps.limits.maxQuestionChars), log);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    log.info({ code: error.code, chars: request.text.length }, 'question rejected');
    return invalidQuestionMessage(error.message);
  }
}

async function answerValidQuestion(deps: SlackDeps, request: QuestionRequest, question: string, log: Logger): Promise<SlackMessage> {
  const decision = await deps.rateLimiter.take(request.user);
  if (!decision.allowed) {
    log.info({ retryAfterMs: decision.retryAfterMs }, 'rate limited');
    return rateLimitedMessage(deps.limits.perMinute, Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  }
  const history = request.conversation ? await deps.conversations.questions(request.conversation) : [];
  const { onWorking, onVerifiedText } = request;
  let answer;
  try {
    answer = await deps.ask({ question, history }, { onProgress: onWorking && (() => onWorking()), onVerifiedText });
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    log.warn('too many questions waiting; answered busy');
    return busyMessage();
  }
  if (request.conversation) await deps.conversations.addQuestion(request.conversation, question);
  const id = (deps.newId ?? randomId)('ans');
  const message = answerMessage({ answerId: id, answer, shareable: request.shareable, feedback: request.feedback });
  await deps.answers.save({ id, answer, shownUntil: message.shownUntil });
  log.info({ answerId: id, quotes: answer.quotes.length, shown: message.shownUntil, followUp: history.length > 0, standalone: answer.standaloneQuestion }, 'answered');
  return message;
}

/**
 * Builds a reply and sends it; any failure ends in a short apology sent the same way, with a reference id
 * that is also in the log. Never throws.
 */
export async function deliver(log: Logger, reference: string, send: (message: SlackMessage) => Promise<unknown>, build: () => Promise<SlackMessage>): Promise<void> {
  try {
    await send(await build());
  } catch (error) {
    log.error({ err: error, ref: reference }, 'failed to answer');
    try {
      await send(apologyMessage(reference));
    } catch (apologyError) {
      log.error({ err: apologyError, ref: reference }, 'failed to send the apology');
    }
  }
}

// The path every question takes in Slack: limits, conversation history, answerQuestion, Block Kit, apology on failure.
import type { Logger } from 'pino';
import type { AckTracker } from './ack-first.js';
import { checkQuestion, type InvalidQuestion } from '../trendbot.js';
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
  /** Called when answering will take a while (a chat model works on it): shows a placeholder. */
  onWorking?: () => void;
  /** Streams the model's synthesis: each verified piece, in order (answerQuestion's onVerifiedText). */
  onVerifiedText?: (piece: string) => Promise<void>;
}

/** Builds the reply to a question; expected outcomes (limits, invalid questions) are messages too. */
export async function replyToQuestion(deps: SlackDeps, request: QuestionRequest, log: Logger): Promise<SlackMessage> {
  // Checked before anything is spent on it (a rate-limit token, a place in the queue); the core checks it the same way.
  const invalid = checkQuestion(request.text, deps.limits.maxQuestionChars);
  if (invalid) return rejected(invalid, request, log);
  const decision = await deps.rateLimiter.take(request.user);
  if (!decision.allowed) {
    log.info({ retryAfterMs: decision.retryAfterMs }, 'rate limited');
    return rateLimitedMessage(deps.limits.perMinute, Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  }
  const history = request.conversation ? await deps.conversations.questions(request.conversation) : [];
  const { onWorking, onVerifiedText } = request;
  let result;
  try {
    result = await deps.ask({ question: request.text, history }, { onModelWork: onWorking, onVerifiedText });
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    log.warn('too many questions waiting; answered busy');
    return busyMessage();
  }
  if (result.kind === 'invalid_question') return rejected(result, request, log);
  const { answer } = result;
  if (request.conversation) await deps.conversations.addQuestion(request.conversation, answer.question);
  const id = (deps.newId ?? randomId)('ans');
  const message = answerMessage({ answerId: id, answer, shareable: request.shareable, feedback: request.feedback });
  await deps.answers.save({ id, answer, shownUntil: message.shownUntil });
  log.info(
    { answerId: id, quotes: answer.quotes.length, shown: message.shownUntil, followUp: history.length > 0, standalone: answer.standaloneQuestion },
    'answered',
  );
  return message;
}

function rejected(invalid: InvalidQuestion, request: QuestionRequest, log: Logger): SlackMessage {
  log.info({ code: invalid.code, chars: request.text.length }, 'question rejected');
  return invalidQuestionMessage(invalid.message);
}

/**
 * Builds a reply and sends it, each once no other request is waiting for its ack; any failure ends in a short apology
 * sent the same way, with a reference id that is also in the log. Never throws.
 */
export async function deliver(
  acks: AckTracker,
  log: Logger,
  reference: string,
  send: (message: SlackMessage) => Promise<unknown>,
  build: () => Promise<SlackMessage>,
): Promise<void> {
  try {
    await acks.idle();
    const message = await build();
    await acks.idle();
    await send(message);
  } catch (error) {
    log.error({ err: error, ref: reference }, 'failed to answer');
    try {
      await send(apologyMessage(reference));
    } catch (apologyError) {
      log.error({ err: apologyError, ref: reference }, 'failed to send the apology');
    }
  }
}

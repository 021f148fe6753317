// The body shared by @mentions and DMs: claim the message, answer in its thread (or the DM), remember the turn.
import type { webApi } from '@slack/bolt';
import { deliver, replyToQuestion } from '../answer-flow.js';
import { randomId, type SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import { messageReply } from '../reply-target.js';
import { streamReply } from '../stream-reply.js';
import { claimMessage } from '../state/message-claim.js';
import type { ConversationKey } from '../state/conversation-store.js';

export interface ConversationMessage {
  surface: 'app_mention' | 'message.im' | 'assistant';
  eventId: string;
  channel: string;
  ts: string;
  /** The thread the reply goes to; undefined for a DM's top level. */
  thread: string | undefined;
  /** Where follow-ups are remembered: a channel thread, a panel thread, or a whole DM (its threads included). */
  conversation: ConversationKey;
  user: string;
  /** As Slack sent it, mentions included. */
  text: string;
  /** The user's team (streaming outside a DM needs it). */
  team?: string;
}

/**
 * Answers a user's message once (retries and the mention+DM double event are dropped). When shared state cannot be
 * reached (Redis down), the user gets the apology rather than silence: the event was acknowledged, so Slack will not
 * send it again. Never throws.
 */
export async function answerInConversation(
  deps: SlackDeps,
  message: ConversationMessage,
  client: webApi.WebClient,
  botUserId: string | undefined,
): Promise<void> {
  const reference = (deps.newId ?? randomId)('ref');
  const { surface, eventId, channel, thread, user } = message;
  const log = deps.logger.child({ ref: reference, surface, eventId, channel, user });
  // The assistant panel streams a model's answer as it is verified; other surfaces replace a placeholder.
  const stream = surface === 'assistant' && thread ? streamReply(client, { channel, thread, user, team: message.team }, log) : undefined;
  const reply = stream ?? messageReply(client, { channel, thread, question: message.ts }, log);
  let claim;
  try {
    claim = await claimMessage(deps.dedupe, deps.claimTtl, message, log);
  } catch (error) {
    await deliver(deps.acks, log, reference, reply.send, () => Promise.reject(new Error('could not claim the event in shared state', { cause: error })));
    return;
  }
  if (!claim) return;
  // The assistant panel shows a status while the model works, not a placeholder message.
  const onWorking = surface === 'assistant' ? undefined : reply.showPlaceholder;
  const request = { user, text: questionFromMessage(message.text, botUserId), conversation: message.conversation, onWorking, onVerifiedText: stream?.append };
  await deliver(deps.acks, log, reference, reply.send, () => replyToQuestion(deps, request, log));
  await claim.keep();
}

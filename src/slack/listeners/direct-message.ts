// Direct messages: a research conversation whose follow-ups use the turns remembered for this channel and thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FileShareMessageEvent, GenericMessageEvent, ThreadBroadcastMessageEvent } from '@slack/types';
import { deliver, replyToQuestion } from '../answer-flow.js';
import { randomId, type SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import { messageReply } from '../reply-target.js';
import { ANSWERED_SUBTYPES, claimOrApologize } from './app-mention.js';

export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // A user's words: plain messages, with a file attached, or a thread reply also sent to the conversation. Not
    // edits, deletes, joins, bot posts or other subtypes.
    if (event.channel_type !== 'im' || !ANSWERED_SUBTYPES.has(event.subtype)) return;
    const message = event as GenericMessageEvent | FileShareMessageEvent | ThreadBroadcastMessageEvent;
    if (!message.user || ('bot_id' in message && message.bot_id) || message.user === context.botUserId) return;
    const thread = message.thread_ts;
    const reference = (deps.newId ?? randomId)('ref');
    const log = deps.logger.child({ ref: reference, surface: 'message.im', eventId: body.event_id, channel: message.channel, user: message.user });
    const reply = messageReply(client, event.channel, thread, log);
    const claim = await claimOrApologize(deps, { eventId: body.event_id, channel: event.channel, ts: event.ts }, log, reference, reply.send);
    if (!claim) return;
    const request = { user: message.user, text: questionFromMessage(message.text ?? '', context.botUserId), conversation: { channel: event.channel, thread }, onWorking: reply.showPlaceholder };
    await deliver(log, reference, reply.send, () => replyToQuestion(deps, request, log));
    await claim.keep();
  };
}

// Direct messages: a research conversation whose follow-ups use the turns remembered for this channel and thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { deliver, replyToQuestion } from '../answer-flow.js';
import { randomId, type SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import { messageReply } from '../reply-target.js';
import { claimOrApologize } from './app-mention.js';

export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // Only plain user messages: no edits, deletes, joins, bot posts or other subtypes.
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const thread = event.thread_ts;
    const reference = (deps.newId ?? randomId)('ref');
    const log = deps.logger.child({ ref: reference, surface: 'message.im', eventId: body.event_id, channel: event.channel, user: event.user });
    const reply = messageReply(client, event.channel, thread, log);
    const claim = await claimOrApologize(deps, { eventId: body.event_id, channel: event.channel, ts: event.ts }, log, reference, reply.send);
    if (!claim) return;
    const request = { user: event.user, text: questionFromMessage(event.text ?? '', context.botUserId), conversation: { channel: event.channel, thread }, onWorking: reply.showPlaceholder };
    await deliver(log, reference, reply.send, () => replyToQuestion(deps, request, log));
    await claim.keep();
  };
}

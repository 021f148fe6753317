// Direct messages: a research conversation whose follow-ups use the turns remembered for this channel and thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FileShareMessageEvent, GenericMessageEvent, ThreadBroadcastMessageEvent } from '@slack/types';
import type { SlackDeps } from '../deps.js';
import { answerInConversation } from './answer-in-conversation.js';
import { ANSWERED_SUBTYPES } from './app-mention.js';

export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // A user's words: plain messages, with a file attached, or a thread reply also sent to the conversation. Not
    // edits, deletes, joins, bot posts or other subtypes.
    if (event.channel_type !== 'im' || !ANSWERED_SUBTYPES.has(event.subtype)) return;
    const dm = event as GenericMessageEvent | FileShareMessageEvent | ThreadBroadcastMessageEvent;
    if (!dm.user || ('bot_id' in dm && dm.bot_id) || dm.user === context.botUserId) return;
    const message = {
      surface: 'message.im',
      eventId: body.event_id,
      channel: dm.channel,
      ts: dm.ts,
      thread: dm.thread_ts,
      user: dm.user,
      text: dm.text ?? '',
    } as const;
    await answerInConversation(deps, message, client, context.botUserId);
  };
}

// @trendbot in a channel: answer in the thread of the mention; a later mention in that thread is a follow-up.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { answerInConversation } from './answer-in-conversation.js';

/** Messages that carry a user's words: plain, with a file attached, or a thread reply also sent to the channel. */
export const ANSWERED_SUBTYPES = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast']);

export function appMention(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (!ANSWERED_SUBTYPES.has(event.subtype) || event.bot_id || !event.user) return;
    // A mention inside a DM is answered by the direct-message listener, with the DM's history.
    if (event.channel.startsWith('D')) {
      deps.logger.debug({ eventId: body.event_id, ts: event.ts }, 'mention in a DM: left to the direct-message listener');
      return;
    }
    const thread = event.thread_ts ?? event.ts;
    const message = {
      surface: 'app_mention',
      eventId: body.event_id,
      channel: event.channel,
      ts: event.ts,
      thread,
      conversation: { channel: event.channel, thread },
      user: event.user,
      text: event.text,
    } as const;
    await answerInConversation(deps, message, client, context.botUserId);
  };
}

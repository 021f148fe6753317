// @trendbot in a channel: answer in the thread of the mention; a later mention in that thread is a follow-up. Slack
// sends app_mention again on every edit (same ts, an `edited` field, a new event_id): an edit of a message already
// answered is not answered again, which Slack itself records (the answer's metadata names the question's ts), so it
// holds across restarts and replicas; a message edited to mention the bot is answered.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { answeredBefore } from '../post-once.js';
import { answerInConversation } from './answer-in-conversation.js';

/** Messages that carry a user's words: plain, with a file attached, or a thread reply also sent to the channel. */
export const ANSWERED_SUBTYPES = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast']);

export function appMention(deps: SlackDeps) {
  // A thread that cannot be read counts as answered: a second answer is worse than none to an edit.
  const warnUnknown = (error: unknown) => {
    deps.logger.warn({ err: error }, 'could not read the thread of an edited mention; not answering it again');
    return true;
  };
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (!ANSWERED_SUBTYPES.has(event.subtype) || event.bot_id || !event.user) return;
    // A mention inside a DM is answered by the direct-message listener, with the DM's history.
    if (event.channel.startsWith('D')) {
      deps.logger.debug({ eventId: body.event_id, ts: event.ts }, 'mention in a DM: left to the direct-message listener');
      return;
    }
    const thread = event.thread_ts ?? event.ts;
    if (event.edited && (await answeredBefore(client, { channel: event.channel, thread, ts: event.ts }).catch(warnUnknown))) {
      deps.logger.info({ eventId: body.event_id, channel: event.channel, ts: event.ts }, 'edited mention already answered: not answering again');
      return;
    }
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

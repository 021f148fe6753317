// Direct messages: one research conversation per DM, its threads included ("Show more quotes" posts in the answer's
// thread, and a follow-up typed there continues the DM). Each reply goes where the question was typed.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { FileShareMessageEvent, GenericMessageEvent, ThreadBroadcastMessageEvent } from '@slack/types';
import type { SlackDeps } from '../deps.js';
import { answerInConversation } from './answer-in-conversation.js';
import { ANSWERED_SUBTYPES } from './app-mention.js';

export type DirectMessageEvent = GenericMessageEvent | FileShareMessageEvent | ThreadBroadcastMessageEvent;

export function directMessage(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // A user's words: plain messages, with a file attached, or a thread reply also sent to the conversation. Not
    // edits, deletes, joins, bot posts or other subtypes.
    if (event.channel_type !== 'im' || !ANSWERED_SUBTYPES.has(event.subtype)) return;
    await answerDirectMessage(deps, event as DirectMessageEvent, body.event_id, client, context.botUserId);
  };
}

/** Answers a user's DM, top level or in a thread that is not the assistant panel's. Never throws. */
export async function answerDirectMessage(
  deps: SlackDeps,
  dm: DirectMessageEvent,
  eventId: string,
  client: webApi.WebClient,
  botUserId: string | undefined,
): Promise<void> {
  if (!dm.user || ('bot_id' in dm && dm.bot_id) || dm.user === botUserId) return;
  const message = {
    surface: 'message.im',
    eventId,
    channel: dm.channel,
    ts: dm.ts,
    thread: dm.thread_ts,
    conversation: { channel: dm.channel },
    user: dm.user,
    text: dm.text ?? '',
  } as const;
  await answerInConversation(deps, message, client, botUserId);
}

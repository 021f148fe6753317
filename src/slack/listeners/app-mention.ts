// @trendbot in a channel: answer in the thread of the mention; a later mention in that thread is a follow-up.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { deliver, replyToQuestion } from '../answer-flow.js';
import type { SlackMessage } from '../blocks/answer-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import { messageReply } from '../reply-target.js';
import { DEFAULT_ANSWERING_TTL_MS, DEFAULT_CLAIM_TTL_MS } from '../state/event-dedupe.js';

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
    const reference = (deps.newId ?? randomId)('ref');
    const log = deps.logger.child({ ref: reference, surface: 'app_mention', eventId: body.event_id, channel: event.channel, user: event.user });
    const reply = messageReply(client, event.channel, thread, log);
    const claim = await claimOrApologize(deps, { eventId: body.event_id, channel: event.channel, ts: event.ts }, log, reference, reply.send);
    if (!claim) return;
    const request = { user: event.user, text: questionFromMessage(event.text, context.botUserId), conversation: { channel: event.channel, thread }, onWorking: reply.showPlaceholder };
    await deliver(log, reference, reply.send, () => replyToQuestion(deps, request, log));
    await claim.keep();
  };
}

/**
 * The claim, or undefined when someone else holds it. When shared state cannot be reached (Redis down), the user gets
 * the apology rather than silence: the event was acknowledged, so Slack will not send it again.
 */
export async function claimOrApologize(
  deps: SlackDeps,
  message: { eventId: string; channel: string; ts: string },
  log: SlackDeps['logger'],
  reference: string,
  send: (message: SlackMessage) => Promise<unknown>,
): Promise<MessageClaim | undefined> {
  try {
    return await claimMessage(deps, message.eventId, message.channel, message.ts);
  } catch (error) {
    await deliver(log, reference, send, () => Promise.reject(new Error('could not claim the event in shared state', { cause: error })));
    return undefined;
  }
}

/** A claim on an event and its message; `keep` holds it after answering so late retries stay dropped. */
export interface MessageClaim {
  keep(): Promise<void>;
}

/**
 * Claims the event (Slack retries re-send the same event_id) and the message itself (a DM that mentions the bot
 * arrives as two events): whichever comes first answers, once. The claim is short while answering, so one whose
 * replica died expires and a later retry answers; undefined when someone else holds it.
 */
export async function claimMessage(deps: SlackDeps, eventId: string, channel: string, ts: string): Promise<MessageClaim | undefined> {
  const ttl = deps.claimTtl ?? { answeringMs: DEFAULT_ANSWERING_TTL_MS, answeredMs: DEFAULT_CLAIM_TTL_MS };
  const keys = [`event:${eventId}`, `message:${channel}:${ts}`];
  for (const key of keys) {
    if (await deps.dedupe.claim(key, ttl.answeringMs)) continue;
    deps.logger.info({ eventId, channel, ts }, 'already answered: event ignored');
    return undefined;
  }
  return {
    keep: async () => {
      try {
        await Promise.all(keys.map((key) => deps.dedupe.keep(key, ttl.answeredMs)));
      } catch (error) {
        deps.logger.warn({ err: error, eventId }, 'could not keep the event claim; a late retry may answer again');
      }
    },
  };
}

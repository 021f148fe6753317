// Exactly one answer per message: Slack retries re-send the same event_id, and a DM that mentions the bot arrives
// as two events (app_mention and message.im). Whichever comes first claims both keys and answers.
import type { Logger } from 'pino';
import type { ClaimTtl } from './create-state.js';
import type { EventDedupe } from './event-dedupe.js';

/** A claim on an event and its message; `keep` holds it after answering so late retries stay dropped. */
export interface MessageClaim {
  keep(): Promise<void>;
}

/**
 * Claims the event and the message. The claim is short while answering, so one whose replica died expires and a later
 * retry answers; undefined when someone else holds it. Throws when the shared state cannot be reached.
 */
export async function claimMessage(
  dedupe: EventDedupe,
  ttl: ClaimTtl,
  message: { eventId: string; channel: string; ts: string },
  logger: Logger,
): Promise<MessageClaim | undefined> {
  const { eventId, channel, ts } = message;
  const keys = [`event:${eventId}`, `message:${channel}:${ts}`];
  for (const key of keys) {
    if (await dedupe.claim(key, ttl.answeringMs)) continue;
    logger.info({ eventId, channel, ts }, 'already answered: event ignored');
    return undefined;
  }
  return {
    keep: async () => {
      try {
        await Promise.all(keys.map((key) => dedupe.keep(key, ttl.answeredMs)));
      } catch (error) {
        logger.warn({ err: error, eventId }, 'could not keep the event claim; a late retry may answer again');
      }
    },
  };
}

// chat.postMessage is not idempotent: when Slack's answer is lost (connection cut after sending, timeout, 5xx), the
// message may or may not have been posted. Each post carries a reply id in its message metadata; after such a
// failure the conversation is read back for that id, and the message is posted again only if it is not there.
import { randomUUID } from 'node:crypto';
import { webApi, type webApi as WebApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackMessage } from './blocks/answer-blocks.js';

// The metadata event type of every message the bot posts (Slack: a namespaced, snake_case name).
export const REPLY_EVENT_TYPE = 'trendbot_reply';
// Posts in all: the first, and one more after a read-back that did not find it.
const POST_ATTEMPTS = 2;
// Connection errors that happen before a request is sent: nothing can have been posted.
export const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export interface PostArgs {
  channel: string;
  thread_ts?: string;
  /** The ts of the message this post answers, kept in its metadata (question_ts) so an edit of it is known as answered. */
  question_ts?: string;
  text: string;
  blocks: SlackMessage['blocks'];
}

/**
 * Posts a message at most once and returns its ts. After a failure whose outcome is unknown, reads the thread
 * (conversations.replies) or the channel (conversations.history) for the post's reply id: found, its ts is returned;
 * not found, it is posted again, once. Throws Slack's error when the post was refused, or when the read-back fails.
 */
export async function postOnce(client: WebApi.WebClient, args: PostArgs, log: Logger): Promise<string | undefined> {
  const replyId = randomUUID();
  // Slack ts values are seconds since the epoch; a minute of margin covers clock skew.
  const oldest = (Date.now() / 1000 - 60).toFixed(6);
  for (let attempt = 1; ; attempt++) {
    try {
      const { question_ts, ...message } = args;
      const payload = { reply_id: replyId, ...(question_ts ? { question_ts } : {}) };
      const posted = await client.chat.postMessage({ ...message, metadata: { event_type: REPLY_EVENT_TYPE, event_payload: payload } });
      return posted.ts;
    } catch (error) {
      if (!outcomeUnknown(error) || attempt === POST_ATTEMPTS) throw error;
      const landed = await findPost(client, args, oldest, replyId);
      if (landed) {
        log.info({ err: error, ts: landed }, 'the post whose answer was lost had arrived; not posting again');
        return landed;
      }
      log.warn({ err: error, attempt }, 'the post whose answer was lost had not arrived; posting again');
    }
  }
}

/**
 * The Web API client's retry policy (p-retry options): a call is tried again only when Slack surely did not carry
 * it out: a 429 (the client itself waits out Retry-After) or a connection that was never made. A lost answer or a
 * 5xx is not retried blindly, since a post would then show twice; postOnce checks what arrived instead.
 */
export function webApiRetry(retries = 5): WebApi.RetryOptions & { onFailedAttempt: (error: Error) => void } {
  // The client hands these options to p-retry as they are; its types omit p-retry's onFailedAttempt.
  return {
    retries,
    factor: 2,
    minTimeout: 1000,
    maxTimeout: 30_000,
    randomize: true,
    onFailedAttempt: (error) => {
      if (outcomeUnknown(error)) throw error;
    },
  };
}

/**
 * True when Slack may have carried out a call that failed: its answer was lost or was a 5xx. False for a 429 and a
 * connection never made (nothing was carried out), and for Slack's own refusals (ok: false, raised after retries).
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof webApi.WebAPIHTTPError) return true;
  if (!(error instanceof webApi.WebAPIRequestError)) return false;
  const original = error.original as Error & { code?: string; cause?: { code?: string } };
  // web-api reports a 429 it has waited out as a request error with this message, and nothing else.
  if (/^A rate limit was exceeded/.test(original.message)) return false;
  return !NOT_SENT.has(String(original.cause?.code ?? original.code));
}

/**
 * Whether the bot already answered the message `ts` in `thread` (a post whose metadata names it), read with
 * conversations.replies. Throws Slack's error when the thread cannot be read.
 */
export async function answeredBefore(client: WebApi.WebClient, place: { channel: string; thread: string; ts: string }): Promise<boolean> {
  const { messages } = await client.conversations.replies({ channel: place.channel, ts: place.thread, include_all_metadata: true, limit: 200 });
  return (messages ?? []).some(
    ({ metadata }) => metadata?.event_type === REPLY_EVENT_TYPE && (metadata.event_payload as { question_ts?: unknown } | undefined)?.question_ts === place.ts,
  );
}

async function findPost(client: WebApi.WebClient, args: PostArgs, oldest: string, replyId: string): Promise<string | undefined> {
  const query = { channel: args.channel, oldest, include_all_metadata: true, limit: 100 };
  const { messages } = args.thread_ts ? await client.conversations.replies({ ...query, ts: args.thread_ts }) : await client.conversations.history(query);
  const found = messages?.find(
    ({ metadata }) => metadata?.event_type === REPLY_EVENT_TYPE && (metadata.event_payload as { reply_id?: unknown } | undefined)?.reply_id === replyId,
  );
  return found?.ts;
}

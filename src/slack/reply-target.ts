// Where a reply goes: an optional "working on it" placeholder first, then the reply (or apology) in its place.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { NOT_SENT, postOnce } from './post-once.js';
import { plainNotice } from './blocks/notice-blocks.js';
import type { SlackMessage } from './blocks/answer-blocks.js';

// Shown while a chat model writes the answer (seconds); extractive answers are instant and get none.
export const PLACEHOLDER_TEXT = 'Looking through the CMO quotes…';
// Tries at replacing the placeholder before the reply is posted as a new message instead.
const REPLACE_ATTEMPTS = 2;

export interface ReplyTarget {
  /** Posts the placeholder, once; later calls do nothing. Never throws: a failed placeholder is logged. */
  showPlaceholder(): void;
  /** Sends the reply: replaces the placeholder when one was posted (twice at most), else, or then, posts it anew. */
  send(message: SlackMessage): Promise<unknown>;
}

export interface ReplySurface {
  /** Posts a message; resolves to what `replace` needs to find it again (a ts), or undefined when it cannot be replaced. */
  post(message: SlackMessage): Promise<string | undefined>;
  /** Replaces the message `post` returned `handle` for. */
  replace(handle: string, message: SlackMessage): Promise<unknown>;
}

export function replyTarget(surface: ReplySurface, log: Logger): ReplyTarget {
  let placeholder: Promise<string | undefined> | undefined;
  return {
    showPlaceholder() {
      placeholder ??= surface.post(plainNotice(PLACEHOLDER_TEXT)).catch((error: unknown) => {
        log.warn({ err: error }, 'could not post the placeholder; the answer will be posted anew');
        return undefined;
      });
    },
    async send(message) {
      const handle = await placeholder;
      if (handle === undefined) return surface.post(message);
      // Slack can refuse to edit a message (cant_update_message, message_not_found): the reply must arrive anyway.
      for (let attempt = 1; ; attempt++) {
        try {
          return await surface.replace(handle, message);
        } catch (error) {
          if (attempt === REPLACE_ATTEMPTS) {
            log.warn({ err: error, attempt }, 'could not replace the placeholder; posting the reply as a new message');
            return surface.post(message);
          }
          log.warn({ err: error, attempt }, 'could not replace the placeholder; trying again');
        }
      }
    },
  };
}

/**
 * A reply to the message `question` (its ts) in a channel thread or a DM: posted at most once (post-once.ts), replaced
 * in place with chat.update (which keeps the post's metadata).
 */
export function messageReply(client: webApi.WebClient, place: { channel: string; thread?: string; question: string }, log: Logger): ReplyTarget {
  const { channel, thread, question } = place;
  return replyTarget(
    {
      post: ({ text, blocks }) => postOnce(client, { channel, thread_ts: thread, question_ts: question, text, blocks }, log),
      replace: (ts, { text, blocks }) => client.chat.update({ channel, ts, text, blocks }),
    },
    log,
  );
}

/** A private reply through a slash command's response_url: the placeholder is replaced with replace_original. */
export function ephemeralReply(responseUrl: string, log: Logger, timing: RetryTiming = RESPONSE_URL_RETRY): ReplyTarget {
  const send = (message: ResponseUrlMessage) => postToResponseUrl(responseUrl, message, log, timing);
  return replyTarget(
    {
      post: async ({ text, blocks }) => {
        await send({ response_type: 'ephemeral', text, blocks });
        return 'original';
      },
      replace: (_handle, { text, blocks }) => send({ response_type: 'ephemeral', replace_original: true, text, blocks }),
    },
    log,
  );
}

export interface ResponseUrlMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: SlackMessage['blocks'];
}

export interface RetryTiming {
  /** Tries in all. */
  attempts: number;
  /** Wait before the first retry when Slack gives no Retry-After (ms); doubled each time. */
  baseDelayMs: number;
  /** Longest wait honoured, Retry-After included (ms): a response_url expires 30 minutes after the command. */
  maxDelayMs: number;
}

const RESPONSE_URL_RETRY: RetryTiming = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
// One POST to a response_url may take this long before it counts as failed (and is not tried again: it may have arrived).
const RESPONSE_URL_TIMEOUT_MS = 30_000;

/**
 * POSTs a message to a response_url, again after a 429 (waiting as long as its Retry-After says), a 5xx, or a
 * connection that could not be made (waiting 0.5 s, then 1 s, 2 s). A timeout or a connection lost mid-request is
 * not retried: the message may have arrived, and a second post would show the answer twice. Other answers, and the
 * last failure, are thrown. Each retry is logged. Bolt's `respond` would do the POST but hides Retry-After.
 */
export async function postToResponseUrl(url: string, message: ResponseUrlMessage, log: Logger, timing: RetryTiming = RESPONSE_URL_RETRY): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let status: number | undefined;
    let retryAfterSeconds = Number.NaN;
    let failure: unknown;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
      });
      if (response.ok) return;
      status = response.status;
      retryAfterSeconds = Number(response.headers.get('retry-after'));
      failure = new Error(`The response_url answered HTTP ${status}.`);
    } catch (error) {
      failure = error;
    }
    const notSent = status === undefined && NOT_SENT.has(String((failure as { cause?: { code?: unknown } }).cause?.code));
    const retryable = notSent || (status !== undefined && (status === 429 || status >= 500));
    if (!retryable || attempt >= timing.attempts) throw failure;
    const delayMs = Math.min(timing.maxDelayMs, status === 429 && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : timing.baseDelayMs * 2 ** (attempt - 1));
    log.warn({ err: failure, status, attempt, delayMs }, 'response_url failed; retrying');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

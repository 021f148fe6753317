// Where a reply goes: an optional "working on it" placeholder first, then the reply (or apology) in its place.
import type { Logger } from 'pino';
import { plainNotice } from './blocks/notice-blocks.js';
import type { SlackMessage } from './blocks/answer-blocks.js';

// Shown while a chat model writes the answer (seconds); extractive answers are instant and get none.
export const PLACEHOLDER_TEXT = 'Looking through the CMO quotes…';

export interface ReplyTarget {
  /** Posts the placeholder, once; later calls do nothing. Never throws: a failed placeholder is logged. */
  showPlaceholder(): void;
  /** Sends the reply: replaces the placeholder when one was posted, else posts it anew. */
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
      return handle === undefined ? surface.post(message) : surface.replace(handle, message);
    },
  };
}

/** Slack's `client.chat` methods this module needs (a subset of WebClient's). */
interface ChatClient {
  chat: {
    postMessage(args: { channel: string; thread_ts?: string; text: string; blocks: SlackMessage['blocks'] }): Promise<{ ts?: string }>;
    update(args: { channel: string; ts: string; text: string; blocks: SlackMessage['blocks'] }): Promise<unknown>;
  };
}

/** A reply in a channel thread or a DM: chat.postMessage, replaced in place with chat.update. */
export function messageReply(client: ChatClient, channel: string, thread: string | undefined, log: Logger): ReplyTarget {
  return replyTarget(
    {
      post: async ({ text, blocks }) => (await client.chat.postMessage({ channel, thread_ts: thread, text, blocks })).ts,
      replace: (ts, { text, blocks }) => client.chat.update({ channel, ts, text, blocks }),
    },
    log,
  );
}

type Respond = (message: { response_type: 'ephemeral'; replace_original?: boolean; text: string; blocks: SlackMessage['blocks'] }) => Promise<unknown>;

/** A private reply through a slash command's response_url: the placeholder is replaced with replace_original. */
export function ephemeralReply(respond: Respond, log: Logger): ReplyTarget {
  return replyTarget(
    {
      post: async ({ text, blocks }) => {
        await respond({ response_type: 'ephemeral', text, blocks });
        return 'original';
      },
      replace: (_handle, { text, blocks }) => respond({ response_type: 'ephemeral', replace_original: true, text, blocks }),
    },
    log,
  );
}

// A reply streamed with chat.startStream/appendStream/stopStream (web-api's chatStream): the model's synthesis
// arrives sentence by sentence, each already verified; the quotes follow as blocks when the stream stops. A stream
// that broke, or that does not hold exactly the final answer, is replaced by the normal message, never left half-written.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackMessage } from './blocks/answer-blocks.js';
import { escapeMrkdwn, unlinkable } from './blocks/escape.js';
import { postOnce } from './post-once.js';
import type { ReplyTarget } from './reply-target.js';

export interface StreamTarget {
  channel: string;
  thread: string;
  /** The user who asked, and their team: Slack needs them to stream outside a DM. */
  user: string;
  team?: string;
}

export interface StreamReply extends ReplyTarget {
  /**
   * Queues a verified piece of the answer (the first starts the stream) and returns at once. Never throws: a failure
   * is logged, and `send` replaces what was shown.
   */
  append(piece: string): Promise<void>;
}

/** A streamed reply in a thread; `send` ends it (or, when nothing was streamed, posts the message as messageReply does). */
export function streamReply(client: webApi.WebClient, target: StreamTarget, log: Logger): StreamReply {
  // buffer_size 1: every verified sentence is sent when it is ready, not when 256 characters have piled up.
  const streamer = client.chatStream({
    channel: target.channel,
    thread_ts: target.thread,
    recipient_user_id: target.user,
    recipient_team_id: target.team,
    buffer_size: 1,
  });
  const { channel, thread } = target;
  let streamed = '';
  let broken = false;
  let stopped = false;
  // Appends go out one after another, off the caller's path: a slow or rate-limited Slack never holds up the model.
  let sending: Promise<void> = Promise.resolve();

  const post = ({ text, blocks }: SlackMessage) => postOnce(client, { channel, thread_ts: thread, text, blocks }, log);
  /** Puts `message` in place of the stream's message: chat.update, else a new post (and the half-written one deleted). */
  const replace = async (ts: string, message: SlackMessage) => {
    try {
      return await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      log.warn({ err: error }, 'could not replace the streamed message; posting the reply anew');
    }
    await client.chat.delete({ channel, ts }).catch((error: unknown) => log.warn({ err: error }, 'could not delete the half-written streamed message'));
    return post(message);
  };

  return {
    showPlaceholder() {},
    append(piece) {
      sending = sending.then(async () => {
        if (broken) return;
        try {
          await streamer.append({ markdown_text: markdownText(piece) });
          streamed += piece;
        } catch (error) {
          broken = true;
          log.warn({ err: error, ts: streamer.ts }, 'the answer stream broke; the full answer will replace it');
        }
      });
      return Promise.resolve();
    },
    async send(message) {
      await sending;
      const ts = streamer.ts;
      if (ts === undefined) return post(message);
      const whole = !broken && message.stream?.text === streamed;
      // Stopped first, even when broken (best effort), so Slack does not keep showing it as still being written.
      if (!stopped) {
        stopped = true;
        try {
          await streamer.stop(whole ? { blocks: message.stream!.blocks } : undefined);
          if (whole) return ts;
        } catch (error) {
          log.warn({ err: error, ts }, 'could not stop the answer stream; replacing it');
        }
      }
      return replace(ts, message);
    },
  };
}

/** A verified piece as Slack markdown: it can never ping, link or format (`*`, `_`, `~` and backticks shown as typed). */
export function markdownText(piece: string): string {
  return escapeMrkdwn(unlinkable(piece)).replace(/[\\*_~`]/g, '\\$&');
}

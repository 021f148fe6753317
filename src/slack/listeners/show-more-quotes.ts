// "Show more quotes": the quotes a long answer left out, in the same thread (or privately for ephemeral answers).
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionValue, clickedMessage, splitValue } from '../action-payload.js';
import { deliver } from '../answer-flow.js';
import { answerMessage, type SlackMessage } from '../blocks/answer-blocks.js';
import { plainNotice } from '../blocks/notice-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { postOnce } from '../post-once.js';

export function showMoreQuotes(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reference = (deps.newId ?? randomId)('ref');
    const place = clickedMessage(body);
    const log = deps.logger.child({ ref: reference, surface: 'show_more', channel: place.channel, user: body.user.id });
    // Only the quotes go where the answer is; notices and apologies are for the clicker alone.
    const tellClicker = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    const showQuotes = (message: SlackMessage) =>
      place.ephemeral || !place.channel
        ? tellClicker(message)
        : postOnce(client, { channel: place.channel, thread_ts: place.thread, text: message.text, blocks: message.blocks }, log);
    let send: (message: SlackMessage) => Promise<unknown> = tellClicker;
    await deliver(
      deps.acks,
      log,
      reference,
      (message) => send(message),
      async () => {
        const parsed = splitValue(actionValue(action));
        const stored = parsed && (await deps.answers.get(parsed.answerId));
        const from = Number(parsed?.detail);
        if (!parsed || !stored || !Number.isInteger(from) || from < 0 || from >= stored.answer.quotes.length) {
          return plainNotice('These quotes are no longer available. Ask the question again to see them.');
        }
        const page = answerMessage({ answerId: parsed.answerId, answer: stored.answer, from, feedback: 'none' });
        send = (message) => (message === page ? showQuotes(message) : tellClicker(message));
        return page;
      },
    );
  };
}

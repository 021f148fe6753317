// 👍/👎 on an answer: recorded (latest vote per user and answer wins) and acknowledged to the voter only: an ephemeral
// note in the thread, or, for a voter who is not a member of the channel (Slack refuses ephemeral notes to them with
// user_not_in_channel), a DM from the bot.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionValue, clickedMessage, splitValue } from '../action-payload.js';
import { deliver } from '../answer-flow.js';
import { plainNotice } from '../blocks/notice-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';

export function answerFeedback(deps: SlackDeps, now: () => Date = () => new Date()) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reference = (deps.newId ?? randomId)('ref');
    const place = clickedMessage(body);
    const user = body.user.id;
    const log = deps.logger.child({ ref: reference, surface: 'feedback', channel: place.channel, user });
    const parsed = splitValue(actionValue(action));
    const vote = parsed?.detail === 'up' || parsed?.detail === 'down' ? parsed.detail : undefined;
    const send = async (message: { text: string }) => {
      if (place.ephemeral || !place.channel) return respond({ response_type: 'ephemeral', replace_original: false, text: message.text });
      try {
        return await client.chat.postEphemeral({ channel: place.channel, user, thread_ts: place.thread, text: message.text });
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error !== 'user_not_in_channel') throw error;
        return client.chat.postMessage({ channel: user, text: `${message.text} (About the answer in <#${place.channel}>.)` });
      }
    };
    await deliver(deps.acks, log, reference, send, async () => {
      if (!parsed || !vote) return plainNotice('That button did not carry a vote I understand.');
      const stored = await deps.answers.get(parsed.answerId);
      const quotes = (stored?.answer.quotes.slice(0, stored.shownUntil) ?? []).map(({ text, file, start, end }) => ({ text, file, start, end }));
      await deps.feedback.record({
        time: now().toISOString(),
        user,
        vote,
        answerId: parsed.answerId,
        question: stored?.answer.question,
        standaloneQuestion: stored?.answer.standaloneQuestion,
        quotes,
      });
      log.info({ answerId: parsed.answerId, vote, known: stored !== undefined }, 'feedback recorded');
      return plainNotice(vote === 'up' ? 'Thanks for the 👍 — noted.' : 'Thanks for the 👎 — noted. It helps us find answers to improve.');
    });
  };
}

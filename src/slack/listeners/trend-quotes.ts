// A trend's button on the trend map: its consensus line and one quote per counted contributor, only for the clicker,
// with Share, Show more and 👍/👎 like any answer.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerOnTrend } from '../../answer/trend-questions.js';
import { actionValue } from '../action-payload.js';
import { deliver } from '../answer-flow.js';
import { answerMessage, type SlackMessage } from '../blocks/answer-blocks.js';
import { plainNotice } from '../blocks/notice-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { canShareIn } from '../share-rules.js';

export function trendQuotes(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reference = (deps.newId ?? randomId)('ref');
    const log = deps.logger.child({ ref: reference, surface: 'trend_quotes', user: body.user.id });
    const tell = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    await deliver(deps.acks, log, reference, tell, async () => {
      const map = await deps.trendMap();
      const answer = map && answerOnTrend(map, actionValue(action) ?? '');
      if (!answer) return plainNotice('This trend is no longer on the map. Type /trend to see the current one.');
      const id = (deps.newId ?? randomId)('ans');
      const shareable = body.channel ? await canShareIn(client, body.channel, log) : false;
      const message = answerMessage({ answerId: id, answer, shareable, feedback: 'buttons' });
      await deps.answers.save({ id, answer, shownUntil: message.shownUntil });
      log.info({ answerId: id, trend: answer.consensus?.trend, quotes: answer.quotes.length }, 'trend quotes shown');
      return message;
    });
  };
}

// "Share in channel" on an ephemeral /trend answer: posts it for everyone, saying who shared it (by name, no ping).
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionValue, clickedMessage } from '../action-payload.js';
import { deliver } from '../answer-flow.js';
import { answerMessage, type SlackMessage } from '../blocks/answer-blocks.js';
import { escapeMrkdwn } from '../blocks/escape.js';
import { plainNotice } from '../blocks/notice-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { postOnce } from '../post-once.js';
import { shareRefusal } from '../share-rules.js';

export function shareAnswer(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reference = (deps.newId ?? randomId)('ref');
    const user = body.user.id;
    const { channel } = clickedMessage(body);
    const log = deps.logger.child({ ref: reference, surface: 'share', channel, user });
    const answerId = actionValue(action) ?? '';
    const tell = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    await deliver(deps.acks, log, reference, tell, async () => {
      const stored = await deps.answers.get(answerId);
      if (!stored || !channel) return plainNotice('This answer is no longer available to share. Ask again with /trend.');
      if (!(await deps.answers.claimShare(answerId))) return plainNotice('Already shared in the channel.');
      const sharedBy = body.user.username ?? body.user.name ?? 'someone';
      const message = answerMessage({ answerId, answer: stored.answer, sharedBy });
      try {
        await postOnce(client, { channel, text: `${escapeMrkdwn(sharedBy)} shared: ${message.text}`, blocks: message.blocks }, log);
      } catch (error) {
        await deps.answers.releaseShare(answerId);
        const refusal = shareRefusal(error, { id: channel, name: body.channel?.name });
        if (!refusal) throw error;
        log.warn({ err: error, answerId }, 'cannot share here');
        return refusal;
      }
      log.info({ answerId }, 'answer shared');
      await respond({ delete_original: true });
      return plainNotice('Shared in the channel.');
    });
  };
}

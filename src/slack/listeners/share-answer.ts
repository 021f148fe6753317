// "Share in channel" on an ephemeral /trend answer: posts it for everyone, saying who shared it.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionValue, clickedMessage } from '../action-payload.js';
import { deliver } from '../answer-flow.js';
import { answerMessage, type SlackMessage } from '../blocks/answer-blocks.js';
import { plainNotice } from '../blocks/notice-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { postOnce } from '../post-once.js';

export function shareAnswer(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reference = (deps.newId ?? randomId)('ref');
    const user = body.user.id;
    const { channel } = clickedMessage(body);
    const log = deps.logger.child({ ref: reference, surface: 'share', channel, user });
    const answerId = actionValue(action) ?? '';
    const tell = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    await deliver(log, reference, tell, async () => {
      const stored = await deps.answers.get(answerId);
      if (!stored || !channel) return plainNotice('This answer is no longer available to share. Ask again with /trend.');
      if (!(await deps.answers.claimShare(answerId))) return plainNotice('Already shared in the channel.');
      const message = answerMessage({ answerId, answer: stored.answer, sharedBy: user });
      try {
        await postOnce(client, { channel, text: `<@${user}> shared: ${message.text}`, blocks: message.blocks }, log);
      } catch (error) {
        await deps.answers.releaseShare(answerId);
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
        log.info({ answerId, code }, 'cannot share: the bot is not in the conversation');
        return plainNotice('I can’t post here: I’m not a member of this conversation. Invite me (/invite @trendbot) and click Share again.');
      }
      log.info({ answerId }, 'answer shared');
      await respond({ delete_original: true });
      return plainNotice('Shared in the channel.');
    });
  };
}

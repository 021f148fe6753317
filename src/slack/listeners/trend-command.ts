// /trend: the trend map (no topic, or "top"), help, the corpus sources, or an answer only the caller sees, with a
// button to share it in the channel.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { deliver, replyToQuestion } from '../answer-flow.js';
import { helpMessage, sourcesMessage } from '../blocks/notice-blocks.js';
import { trendMapMessage } from '../blocks/trend-map-blocks.js';
import { randomId, type SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import { ephemeralReply } from '../reply-target.js';
import { canShareIn } from '../share-rules.js';

export function trendCommand(deps: SlackDeps) {
  return async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Slack allows 3 s for the ack; the answer follows through response_url.
    await ack();
    const text = questionFromMessage(command.text ?? '');
    const reference = (deps.newId ?? randomId)('ref');
    const log = deps.logger.child({ ref: reference, surface: 'command', command: command.command, channel: command.channel_id, user: command.user_id });
    const reply = ephemeralReply(command.response_url, log);
    await deliver(deps.acks, log, reference, reply.send, async () => {
      if (/^help$/i.test(text)) return helpMessage(command.command);
      if (/^sources$/i.test(text)) return sourcesMessage(deps.sources());
      if (!text || /^(?:top|trends|map)$/i.test(text)) {
        const map = await deps.trendMap();
        return map ? trendMapMessage(map, command.command) : helpMessage(command.command);
      }
      const shareable = await canShareIn(client, { id: command.channel_id, name: command.channel_name }, log);
      return replyToQuestion(deps, { user: command.user_id, text, shareable, feedback: 'buttons', onWorking: reply.showPlaceholder }, log);
    });
  };
}

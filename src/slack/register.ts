// Wires every listener to the Bolt app and reports what it wired, so a test can hold manifest.yml to it.
import type { App } from '@slack/bolt';
import { ACTION } from './blocks/answer-blocks.js';
import type { SlackDeps } from './deps.js';
import { answerFeedback } from './listeners/answer-feedback.js';
import { appMention } from './listeners/app-mention.js';
import { assistantPanel } from './listeners/assistant-panel.js';
import { directMessage } from './listeners/direct-message.js';
import { shareAnswer } from './listeners/share-answer.js';
import { showMoreQuotes } from './listeners/show-more-quotes.js';
import { trendCommand } from './listeners/trend-command.js';
import { trendQuotes } from './listeners/trend-quotes.js';

export interface Registrations {
  /** Events API subscriptions as the manifest names them (`message.im`, not `message`). */
  events: string[];
  commands: string[];
  actions: string[];
}

export const TREND_COMMAND = '/trend';

export function registerListeners(app: App, deps: SlackDeps): Registrations {
  // First: the panel's threads (IM thread messages) are answered there and go no further.
  app.assistant(assistantPanel(deps));
  app.event('app_mention', appMention(deps));
  // message.im arrives as a `message` event with channel_type 'im'; the listener ignores every other kind.
  app.event('message', directMessage(deps));
  app.command(TREND_COMMAND, trendCommand(deps));
  app.action(ACTION.share, shareAnswer(deps));
  app.action(ACTION.showMore, showMoreQuotes(deps));
  app.action(ACTION.trendQuotes, trendQuotes(deps));
  const feedbackActions = [ACTION.feedback, ACTION.feedbackUp, ACTION.feedbackDown];
  for (const actionId of feedbackActions) app.action(actionId, answerFeedback(deps));
  return {
    events: ['app_mention', 'message.im', 'assistant_thread_started', 'assistant_thread_context_changed'],
    commands: [TREND_COMMAND],
    actions: [ACTION.share, ACTION.showMore, ACTION.trendQuotes, ...feedbackActions],
  };
}

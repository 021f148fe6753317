// Slack's AI assistant panel (split view): a greeting and suggested prompts when a thread starts, the channel the
// user is viewing, and answers with a status while they are worked on. Answers take the same path as DMs.
import { Assistant, type AssistantConfig } from '@slack/bolt';
import type { FileShareMessageEvent, GenericMessageEvent } from '@slack/types';
import { displayName } from '../../trends/consensus.js';
import type { SlackDeps } from '../deps.js';
import { questionFromMessage } from '../message-text.js';
import type { ConversationKey } from '../state/conversation-store.js';
import { answerInConversation } from './answer-in-conversation.js';
import { answerDirectMessage } from './direct-message.js';

export const PANEL_GREETING = 'Hi! Ask me about a marketing trend and I’ll answer with what CMOs and marketers said, quoted word for word.';
export const PANEL_STATUS = 'is reading the CMO quotes…';
// Slack shows up to four suggested prompts.
const MAX_PROMPTS = 4;
// Thread titles are short; the first question is cut at a word.
const TITLE_CHARS = 60;
// When there is no trend map: questions the bundled corpus answers.
export const FIXED_PROMPTS = [
  { title: 'Live video', message: 'What do CMOs predict for live video?' },
  { title: 'Personalization', message: 'How many CMOs mention personalization?' },
  { title: 'Top trends', message: 'Which trends come up most?' },
  { title: '2014 vs 2017', message: 'What changed between 2014 and 2017?' },
];

/** The panel's Bolt Assistant; Slack methods that fail (status, title, prompts) are logged and never stop an answer. */
export function assistantPanel(deps: SlackDeps): Assistant {
  const quietly = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      deps.logger.warn({ err: error, call: what }, 'assistant panel call failed');
    }
  };
  const threadContextStore: AssistantConfig['threadContextStore'] = {
    get: async ({ payload }) => (await deps.conversations.threadContext(threadOf(payload))) ?? {},
    // Also when Slack sent no context: the saved {} marks the thread as the panel's.
    save: async ({ payload }) => {
      const context = (payload as { assistant_thread?: { context?: Record<string, unknown> } }).assistant_thread?.context;
      await deps.conversations.saveThreadContext(threadOf(payload), context ?? {});
    },
  };
  return new Assistant({
    threadContextStore,
    threadStarted: async ({ say, setSuggestedPrompts, saveThreadContext }) => {
      await quietly('say', () => say(PANEL_GREETING));
      await quietly('saveThreadContext', saveThreadContext);
      await quietly('setSuggestedPrompts', async () => setSuggestedPrompts({ title: 'Try one of these:', prompts: await suggestedPrompts(deps) }));
    },
    threadContextChanged: async ({ saveThreadContext }) => quietly('saveThreadContext', saveThreadContext),
    userMessage: async ({ message, body, client, context, setStatus, setTitle }) => {
      const dm = message as GenericMessageEvent | FileShareMessageEvent;
      if (!dm.user || ('bot_id' in dm && dm.bot_id) || dm.user === context.botUserId || !dm.thread_ts) return;
      const key: ConversationKey = { channel: dm.channel, thread: dm.thread_ts };
      // Bolt sends every threaded DM message here; one in a plain DM thread (not started in the panel) continues the
      // DM, with no assistant.threads.* calls. Unreachable state counts as a plain DM: the answer still comes.
      if (!(await deps.conversations.threadContext(key).catch(() => undefined))) {
        await answerDirectMessage(deps, dm, body.event_id, client, context.botUserId);
        return;
      }
      const first = (await deps.conversations.questions(key).catch(() => [])).length === 0;
      await quietly('setStatus', () => setStatus(PANEL_STATUS));
      try {
        if (first) await quietly('setTitle', () => setTitle(titleOf(questionFromMessage(dm.text ?? '', context.botUserId))));
        await answerInConversation(
          deps,
          {
            surface: 'assistant',
            eventId: body.event_id,
            channel: dm.channel,
            ts: dm.ts,
            thread: dm.thread_ts,
            conversation: key,
            user: dm.user,
            team: context.teamId,
            text: dm.text ?? '',
          },
          client,
          context.botUserId,
        );
      } finally {
        await quietly('setStatus', () => setStatus(''));
      }
    },
  });
}

/** Up to four prompts from the trend map's most spoken-to trends, else the fixed list. */
async function suggestedPrompts(deps: SlackDeps): Promise<{ title: string; message: string }[]> {
  const map = await deps.trendMap().catch(() => undefined);
  const top = map?.entries.filter(({ evidence }) => evidence.length > 0).slice(0, MAX_PROMPTS) ?? [];
  if (top.length < MAX_PROMPTS) return FIXED_PROMPTS;
  return top.map(({ trend }) => ({ title: trend.name, message: `Which CMOs talk about ${displayName(trend)}?` }));
}

function threadOf(payload: unknown): ConversationKey {
  const started = (payload as { assistant_thread?: { channel_id: string; thread_ts: string } }).assistant_thread;
  if (started) return { channel: started.channel_id, thread: started.thread_ts };
  const message = payload as { channel: string; thread_ts?: string };
  return { channel: message.channel, thread: message.thread_ts };
}

function titleOf(question: string): string {
  if (question.length <= TITLE_CHARS) return question;
  const cut = question.slice(0, TITLE_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_CHARS / 2)).trimEnd()}…`;
}

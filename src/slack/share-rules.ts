// Where "Share in channel" is offered, and what a failed share tells the clicker. Slack never lets an app into a 1:1
// DM between people, nor be invited into a group DM: Share is offered in channels (a public one takes the post with
// chat:write.public, a private one once the bot is invited) and in group DMs the bot is a member of.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { plainNotice } from './blocks/notice-blocks.js';
import type { SlackMessage } from './blocks/answer-blocks.js';

/** A conversation as slash commands (channel_id, channel_name) and block_actions (`channel`) name it. */
export interface Conversation {
  id: string;
  /** "directmessage" for every 1:1 DM, "mpdm-…" for group DMs, else the channel's name. */
  name?: string;
}

export type ConversationKind = 'dm' | 'group_dm' | 'channel';

export function conversationKind({ id, name }: Conversation): ConversationKind {
  if (id.startsWith('D') || name === 'directmessage') return 'dm';
  if (name?.startsWith('mpdm-')) return 'group_dm';
  return 'channel';
}

/**
 * Whether Share can post in the conversation. A group DM is asked about with conversations.info (scope mpim:read):
 * Share is offered only when the bot is a member, and not when the call fails. Never throws.
 */
export async function canShareIn(client: webApi.WebClient, conversation: Conversation, log: Logger): Promise<boolean> {
  const kind = conversationKind(conversation);
  if (kind !== 'group_dm') return kind === 'channel';
  try {
    const { channel } = await client.conversations.info({ channel: conversation.id });
    return channel?.is_member === true;
  } catch (error) {
    log.info({ err: error, channel: conversation.id }, 'group DM membership unknown: Share not offered');
    return false;
  }
}

/** What the clicker is told when Slack refused the shared post; undefined when the error is not one of these. */
export function shareRefusal(error: unknown, conversation: Conversation): SlackMessage | undefined {
  const data = (error as { data?: { error?: string; needed?: string } }).data;
  if (data?.error === 'missing_scope') {
    return plainNotice(
      `I can’t post here: this workspace’s install of trendbot lacks the ${data.needed ?? 'chat:write.public'} permission. Ask a Slack admin to reinstall the app (manifest.yml lists it); trying again will not help until then.`,
    );
  }
  if (data?.error !== 'not_in_channel' && data?.error !== 'channel_not_found') return undefined;
  if (conversationKind(conversation) !== 'channel') {
    return plainNotice(
      'I can’t post in this conversation: Slack doesn’t let apps into direct messages between people. Ask me in a channel to share an answer.',
    );
  }
  return plainNotice('I can’t post here: I’m not a member of this conversation. Invite me (/invite @trendbot) and click Share again.');
}

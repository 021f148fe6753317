// Block Kit for the trend map (`/trend` with no topic): the top trends with how many contributors speak to each,
// and a button that opens their quotes.
import type { KnownBlock } from '@slack/types';
import { consensusLine, consensusOn } from '../../trends/consensus.js';
import type { TrendMap } from '../../trends/trend-map.js';
import { ACTION, button, section, SECTION_TEXT_MAX, type SlackMessage } from './answer-blocks.js';
import { truncate } from './escape.js';

// Trends listed: one section (with its button) each, well under Slack's 50 blocks.
export const MAP_TRENDS = 10;

export function trendMapMessage(map: TrendMap, command = '/trend'): SlackMessage {
  const spoken = map.entries.filter(({ evidence }) => evidence.length > 0);
  const heading = `*What the ${map.contributors.length} contributors speak to most* — counted from the corpus, one quote behind every count:`;
  const blocks: KnownBlock[] = [section(heading)];
  for (const { trend, evidence } of spoken.slice(0, MAP_TRENDS)) {
    const line = consensusLine(consensusOn(map, trend.id)!);
    blocks.push({
      type: 'section',
      // Plain text: a trend file's names show as written and can never format, link or ping.
      text: { type: 'plain_text', text: truncate(`${trend.name} — ${line}`, SECTION_TEXT_MAX), emoji: false },
      accessory: button(ACTION.trendQuotes, evidence.length === 1 ? 'The quote' : `${evidence.length} quotes`, trend.id),
    });
  }
  const rest = spoken.length - MAP_TRENDS;
  const footer = `${rest > 0 ? `${rest} more trends have fewer contributors. ` : ''}Ask \`${command} <topic>\` for any other topic.`;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  return { text: `Trend map: ${spoken.length} trends across ${map.contributors.length} contributors`, blocks };
}

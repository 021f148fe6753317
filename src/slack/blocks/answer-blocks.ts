// Block Kit for an answer: the lead line, each quote as a rich-text quote with its source, and the answer's buttons.
import type { ActionsBlock, Button, ContextActionsBlock, KnownBlock, RichTextBlock } from '@slack/types';
import { attribution, quoteLocation } from '../../answer/extractive.js';
import type { Answer, Quote } from '../../answer/types.js';
import { escapeMrkdwn, truncate, unlinkable } from './escape.js';

// Slack: section text ≤ 3000 characters.
export const SECTION_TEXT_MAX = 3000;
// Slack: ≤ 50 blocks per message.
export const MAX_BLOCKS = 50;
// Slack rejects messages whose blocks total about 13 000 characters (msg_blocks_too_long): stay well under.
export const BLOCK_TEXT_BUDGET = 8000;
/** Quotes on one page of an answer; "Show more quotes" pages through the rest. */
export const QUOTES_PER_PAGE = 5;
// Room kept for the lead line and the button blocks after the quotes.
const TRAILER_BLOCKS = 3;

export const ACTION = {
  showMore: 'show_more_quotes',
  share: 'share_answer',
  feedback: 'answer_feedback',
  feedbackUp: 'answer_feedback_up',
  feedbackDown: 'answer_feedback_down',
  trendQuotes: 'trend_quotes',
} as const;

export interface AnswerView {
  answerId: string;
  answer: Answer;
  /** Index of the first quote to show: 0 for the answer itself, more for "Show more quotes". */
  from?: number;
  /** Adds the "Share in channel" button (ephemeral answers). */
  shareable?: boolean;
  /** The name of whoever shared the answer into the channel: shown as text, never a mention that would ping them. */
  sharedBy?: string;
  /** Slack's feedback_buttons element, plain buttons, or none (follow-up pages). */
  feedback?: 'feedback_buttons' | 'buttons' | 'none';
  /** Character budget for all block text (tests pass small ones). */
  budget?: number;
}

export interface SlackMessage {
  /** Plain-text fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
  /** For a model's answer: the synthesis as the core streamed it, and the blocks that follow it in place of `blocks`. */
  stream?: { text: string; blocks: KnownBlock[] };
}

export interface AnswerMessage extends SlackMessage {
  /** Index after the last quote shown: equals answer.quotes.length when nothing was left out. */
  shownUntil: number;
}

export function answerMessage(view: AnswerView): AnswerMessage {
  const { answer, answerId } = view;
  const from = view.from ?? 0;
  const budget = view.budget ?? BLOCK_TEXT_BUDGET;
  const lead = from === 0 ? answer.answer : `More quotes on “${answer.question}” (from quote ${from + 1} of ${answer.quotes.length}):`;
  const leadText = truncate(escapeMrkdwn(unlinkable(lead)), SECTION_TEXT_MAX);
  // The note (why the model's summary is missing) sits above the quotes' lead, on the answer itself only.
  const note = from === 0 && answer.note ? truncate(`_${escapeMrkdwn(answer.note)}_`, SECTION_TEXT_MAX) : undefined;
  const leadBlock = section(leadText);
  const blocks: KnownBlock[] = note ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, leadBlock] : [leadBlock];
  if (view.sharedBy) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by ${escapeMrkdwn(unlinkable(view.sharedBy))}` }] });
  let used = leadText.length + (note?.length ?? 0);
  let next = from;
  for (const quote of answer.quotes.slice(from)) {
    // In an LLM answer [n] in the synthesis cites quotes[n - 1]: number the quotes to match.
    const [quoteBlock, sourceBlock] = quoteBlocks(quote, answer.mode === 'llm' ? next + 1 : undefined);
    const cost = textLength(quoteBlock) + textLength(sourceBlock);
    const first = next === from;
    if (!first && (next - from >= QUOTES_PER_PAGE || used + cost > budget || blocks.length + 2 + TRAILER_BLOCKS > MAX_BLOCKS)) break;
    blocks.push(quoteBlock, sourceBlock);
    used += cost;
    next += 1;
  }
  const buttons: Button[] = [];
  if (next < answer.quotes.length) buttons.push(button(ACTION.showMore, 'Show more quotes', `${answerId}:${next}`));
  if (view.shareable) buttons.push({ ...button(ACTION.share, 'Share in channel', answerId), style: 'primary' });
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  const feedback = feedbackBlock(answerId, view.feedback ?? 'feedback_buttons');
  if (feedback) blocks.push(feedback);
  const stream = from === 0 && answer.mode === 'llm' ? { text: answer.answer, blocks: blocks.filter((block) => block !== leadBlock) } : undefined;
  return { text: truncate(leadText, SECTION_TEXT_MAX), blocks, shownUntil: next, ...(stream ? { stream } : {}) };
}

// The source line is plain text: a speaker, title or file name from someone's corpus ("*Hacks*", "<!channel>",
// backticks) shows as written and can never format, link or ping.
function quoteBlocks(quote: Quote, number: number | undefined): [KnownBlock, KnownBlock] {
  const label = number === undefined ? '' : `[${number}] `;
  const source = `${label}— ${attribution(quote)} · ${quoteLocation(quote)}`;
  return [
    quoteBlock(truncate(quote.text, SECTION_TEXT_MAX)),
    { type: 'context', elements: [{ type: 'plain_text', text: truncate(source, SECTION_TEXT_MAX), emoji: false }] },
  ];
}

function feedbackBlock(answerId: string, kind: 'feedback_buttons' | 'buttons' | 'none'): ContextActionsBlock | ActionsBlock | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'buttons') {
    return { type: 'actions', elements: [button(ACTION.feedbackUp, '👍', `${answerId}:up`), button(ACTION.feedbackDown, '👎', `${answerId}:down`)] };
  }
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: ACTION.feedback,
        positive_button: { text: plain('👍'), value: `${answerId}:up`, accessibility_label: 'This answer was useful' },
        negative_button: { text: plain('👎'), value: `${answerId}:down`, accessibility_label: 'This answer was not useful' },
      },
    ],
  };
}

// Rich text shows a quote's characters as they are: a `*` or `_` in the corpus never turns into bold or italics, as
// it would in mrkdwn, and nothing needs escaping.
function quoteBlock(text: string): RichTextBlock {
  return { type: 'rich_text', elements: [{ type: 'rich_text_quote', elements: [{ type: 'text', text }] }] };
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function plain(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

export function button(actionId: string, label: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: plain(label), value };
}

function textLength(block: KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  // A rich-text quote's text sits inside nested elements: its JSON size is a close, slightly high, measure.
  if (block.type === 'rich_text') return JSON.stringify(block.elements).length;
  return 0;
}

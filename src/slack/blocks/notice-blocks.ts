// Block Kit for everything that is not an answer: usage help, the corpus sources, apologies and limits.
import { escapeMrkdwn, truncate } from './escape.js';
import { SECTION_TEXT_MAX, section, type SlackMessage } from './answer-blocks.js';
import type { SourceSummary } from '../sources.js';

export function helpMessage(command = '/trend'): SlackMessage {
  const text = [
    '*Ask me about marketing trends* — I answer with verbatim quotes from CMOs and marketers in the corpus.',
    `• \`${command}\` — the trend map: what most contributors speak to, with the quotes behind every count`,
    `• \`${command} video\` or \`${command} will bots matter?\` — an answer only you see, with a button to share it`,
    `• \`${command} sources\` — the documents I quote from`,
    `• \`${command} help\` — this message`,
    '• Mention me in a channel (`@trendbot what’s next for content marketing?`) and I answer in the thread; mention me again there to follow up.',
    '• Or send me a direct message and keep the conversation going.',
  ].join('\n');
  return { text: 'How to ask trendbot about marketing trends', blocks: [section(text)] };
}

export function sourcesMessage(sources: SourceSummary[]): SlackMessage {
  const lines = sources.map((source) => {
    const year = source.year !== undefined ? ` (${source.year})` : '';
    const people = `${source.contributors} contributor${source.contributors === 1 ? '' : 's'}`;
    return `• *${escapeMrkdwn(source.title)}*${year} — ${people}`;
  });
  const heading = `I quote from ${sources.length} document${sources.length === 1 ? '' : 's'}:`;
  const blocks = [section(heading)];
  // Slack: section text ≤ 3000 characters, so long lists are split into several sections.
  let chunk = '';
  for (const line of lines) {
    if (chunk && chunk.length + line.length + 1 > SECTION_TEXT_MAX) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : truncate(line, SECTION_TEXT_MAX);
  }
  if (chunk) blocks.push(section(chunk));
  return { text: heading, blocks: blocks.slice(0, 50) };
}

/** A short fixed message for the user; `reference` ties it to the log entry with the details. */
export function apologyMessage(reference: string): SlackMessage {
  const text = `Sorry, something went wrong while answering. Please try again in a moment. (reference \`${reference}\`)`;
  return { text, blocks: [section(text)] };
}

export function busyMessage(): SlackMessage {
  const text = 'I’m answering a lot of questions right now. Please ask again in a minute.';
  return { text, blocks: [section(text)] };
}

export function rateLimitedMessage(limit: number, retryAfterSeconds: number): SlackMessage {
  const text = `You have asked ${limit} questions in the last minute — that is my limit. Please try again in about ${retryAfterSeconds} seconds.`;
  return { text, blocks: [section(text)] };
}

/** For questions the user must change: empty or too long. The message comes from validateQuestion. */
export function invalidQuestionMessage(reason: string): SlackMessage {
  const text = escapeMrkdwn(reason);
  return { text, blocks: [section(text)] };
}

export function plainNotice(text: string): SlackMessage {
  return { text, blocks: [section(escapeMrkdwn(text))] };
}

// Slack mrkdwn escaping: corpus and user text can never become a mention, @channel/@here or a link.

/** Escapes the three characters Slack treats as control characters in message text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, ending with an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut an escape sequence such as &amp; in half.
  const cut = text.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

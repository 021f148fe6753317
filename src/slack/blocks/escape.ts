// Slack mrkdwn escaping: corpus and user text can never become a mention, @channel/@here or a link.

/**
 * Escapes the three characters Slack treats as control characters in message text, and breaks a typed @channel,
 * @here or @everyone with a word joiner (U+2060, invisible) so no client or setting can turn it into a ping.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/**
 * Keeps Slack from turning web addresses in echoed text into links: a word joiner (U+2060, invisible) after "http(s):"
 * and inside dotted host names. For lead lines and summaries, which repeat what a user typed.
 */
export function unlinkable(text: string): string {
  return text.replace(/\b(https?|ftp):(?=\/\/)/gi, '$1:\u2060').replace(/\b([\p{L}\p{N}-]{2,})\.(?=[\p{L}]{2,}\b)/gu, '$1\u2060.');
}

/**
 * Cuts text to at most `max` characters, ending with an ellipsis when it was longer: at the last sentence end that
 * keeps at least half the room, else at a word; never inside a citation like [12] or an escape like &amp;.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const sentenceEnds = [...text.slice(0, max - 1).matchAll(/[.!?]["”’)]*(?=\s)/g)].map((match) => match.index + match[0].length);
  const sentenceEnd = Math.max(0, ...sentenceEnds.filter((end) => end <= max - 2));
  if (sentenceEnd >= max / 2) return `${head.slice(0, sentenceEnd)} …`;
  const cut = head
    .replace(/\s*\[[^\]]*$/, '')
    .replace(/&[a-z]{0,3}$/, '')
    .trimEnd();
  return `${cut}…`;
}

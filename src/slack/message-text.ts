// Turns the text of a Slack message into the question a user typed (mentions removed, entities decoded).

/**
 * Slack sends `<@U123>` for mentions, `<#C1|name>` for channels, `<https://x|label>` for links and
 * escapes & < > as entities. The bot's own mention is dropped; other references become their label.
 */
export function questionFromMessage(text: string, botUserId?: string): string {
  const withoutReferences = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (botUserId && target === `@${botUserId}`) return ' ';
    if (label) return label;
    return target.replace(/^[@#!]/, '');
  });
  return withoutReferences
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

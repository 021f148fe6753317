// Turns the text of a Slack message into the question a user typed (mentions removed, entities decoded).

/**
 * Slack sends `<@U123>` for mentions, `<#C1|name>` for channels, `<!here>` for broadcasts, `<https://x|label>` for
 * links and escapes & < > as entities. The bot's own mention is dropped; a person becomes "someone" (their id means
 * nothing to the corpus and is echoed back in answers), a channel "#name", a broadcast its plain word, a link its label.
 */
export function questionFromMessage(text: string, botUserId?: string): string {
  const withoutReferences = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (botUserId && target === `@${botUserId}`) return ' ';
    if (target.startsWith('@')) return 'someone';
    if (target.startsWith('#')) return label ? `#${label}` : 'a channel';
    if (target.startsWith('!')) return (label ?? target.slice(1).split('^')[0]!).replace(/^[@]?/, '');
    return label ?? target;
  });
  return withoutReferences.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

// How a verified piece of an answer is written as Slack markdown for a stream.
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../src/slack/stream-reply.js';

describe('markdownText', () => {
  it('can never ping, link or format: control characters escaped, markdown marks shown as typed', () => {
    expect(markdownText('Video rises [1].')).toBe('Video rises [1].');
    expect(markdownText('<!channel> <@U1> & <https://example.com|x>')).toBe('&lt;!channel&gt; &lt;@U1&gt; &amp; &lt;https:\u2060//example\u2060.com|x&gt;');
    expect(markdownText('*bold* _it_ ~no~ `code` \\')).toBe('\\*bold\\* \\_it\\_ \\~no\\~ \\`code\\` \\\\');
  });
});

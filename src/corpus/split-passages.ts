// Cuts paragraphs into quote-sized passages of whole sentences, keeping exact character offsets.
import type { Block, DocumentInfo, Passage } from './types.js';

// A passage is one to a few sentences: long enough to stand as a quote, short enough to read in Slack.
const TARGET_CHARS = 120;
const MAX_CHARS = 480;
const MAX_SENTENCES = 3;
// A leftover shorter than this is folded into the passage before it.
const MIN_CHARS = 60;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Span {
  start: number;
  end: number;
  sentences: number;
}

export function splitPassages(info: DocumentInfo, content: string, blocks: Block[]): Passage[] {
  const passages: Passage[] = [];
  for (const block of blocks) {
    if (block.pullQuote) continue;
    for (const span of groupSentences(sentenceSpans(content, block))) {
      passages.push({
        id: `${info.file}#${span.start}`,
        text: content.slice(span.start, span.end),
        file: info.file,
        start: span.start,
        end: span.end,
        section: block.section,
        speaker: block.speaker,
        title: info.title,
        publisher: info.publisher,
        year: info.year,
      });
    }
  }
  return passages;
}

/** Sentences of a block, trimmed of surrounding white space, as absolute offsets. */
function sentenceSpans(content: string, block: Block): Span[] {
  const text = content.slice(block.start, block.end);
  const spans: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const lead = segment.length - segment.trimStart().length;
    const body = segment.trim();
    if (!body) continue;
    const start = block.start + index + lead;
    spans.push(...splitLongSentence(content, { start, end: start + body.length, sentences: 1 }));
  }
  return spans;
}

/**
 * A "sentence" longer than a passage may be (a list, a mail without punctuation) is cut at the last clause break
 * or space before the limit, so every quote fits a Slack section whole and keeps exact offsets.
 */
function splitLongSentence(content: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_CHARS) {
    const window = content.slice(start, start + MAX_CHARS);
    const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(': '));
    const space = window.search(/\s\S*$/);
    const cut = clause > MAX_CHARS / 2 ? clause + 1 : space > 0 ? space : MAX_CHARS;
    pieces.push({ start, end: start + cut, sentences: 1 });
    start += cut;
    while (/\s/.test(content[start] ?? '')) start += 1;
  }
  pieces.push({ start, end: span.end, sentences: 1 });
  return pieces;
}

function groupSentences(sentences: Span[]): Span[] {
  const groups: Span[] = [];
  for (const sentence of sentences) {
    const current = groups.at(-1);
    const fits =
      current !== undefined && current.end - current.start < TARGET_CHARS && current.sentences < MAX_SENTENCES && sentence.end - current.start <= MAX_CHARS;
    if (fits) {
      current.end = sentence.end;
      current.sentences += 1;
    } else {
      groups.push({ ...sentence });
    }
  }
  const last = groups.at(-1);
  const beforeLast = groups.at(-2);
  if (last && beforeLast && last.end - last.start < MIN_CHARS && last.end - beforeLast.start <= MAX_CHARS) {
    beforeLast.end = last.end;
    beforeLast.sentences += last.sentences;
    groups.pop();
  }
  return groups;
}

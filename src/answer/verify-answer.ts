// Verification after generation: keeps only what the passages back up, then renumbers the citations.
import type { Verification } from './types.js';
import { findCitations, formatCitations, isValidCitation, type CitationGroup } from './verify-citations.js';
import { findQuotedSpans, isVerbatimIn, type QuotedSpan } from './verify-quotes.js';
import { namesSpeaker } from '../retrieval/speakers.js';

export interface VerifiedText {
  /** The text with unverifiable sentences and citations removed and citations renumbered 1…m; may be ''. */
  text: string;
  /** Original (1-based) numbers of the passages still cited, in order of first citation: the new [i] is cited[i - 1]. */
  cited: number[];
  verification: Verification;
}

interface Sentence {
  start: number;
  end: number;
  citations: CitationGroup[];
  quotes: QuotedSpan[];
}

/**
 * Checks a model's answer against the passages it was given (numbered from 1), and their speakers (same order). A
 * sentence goes when one of its quotes is not verbatim in a passage it cites, when it names a speaker ("the CMO at
 * Balabit", "CMO #20") none of its cited passages is by, or when it cited only passages that do not exist;
 * otherwise invalid numbers are taken out of its citations.
 */
export function verifyAnswer(text: string, passages: string[], speakers: string[] = []): VerifiedText {
  const quotes = findQuotedSpans(text);
  const sentences = splitSentences(text, quotes);
  const verification: Verification = { quotesChecked: quotes.length, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 };
  const known = [...new Set(speakers)];
  const kept: Sentence[] = [];
  for (const sentence of sentences) {
    const numbers = sentence.citations.flatMap((group) => group.numbers);
    const valid = numbers.filter((n) => isValidCitation(n, passages.length));
    verification.citationsDropped += numbers.length - valid.length;
    const unverified = sentence.quotes.filter((quote) => !valid.some((n) => isVerbatimIn(quote.inner, passages[n - 1]!)));
    verification.quotesDropped += unverified.length;
    const words = text.slice(sentence.start, sentence.end);
    const misattributed = known.filter((speaker) => namesSpeaker(words, speaker) && !valid.some((n) => speakers[n - 1] === speaker));
    verification.attributionsDropped += misattributed.length;
    if (unverified.length === 0 && misattributed.length === 0 && (numbers.length === 0 || valid.length > 0)) kept.push(sentence);
  }
  // Numbered in order of first citation, so a prefix of the text verifies to a prefix of the result (streaming).
  const cited = [...new Set(kept.flatMap((sentence) => sentence.citations.flatMap((group) => group.numbers)))].filter((n) =>
    isValidCitation(n, passages.length),
  );
  const renumber = new Map(cited.map((n, i) => [n, i + 1]));
  const rebuilt = kept.map((sentence) => rewriteCitations(text, sentence, renumber)).join('');
  return { text: tidy(rebuilt), cited, verification };
}

/** Where each sentence of `text` ends (offsets, ascending; the last is text.length), as verifyAnswer splits them. */
export function sentenceEnds(text: string): number[] {
  return splitSentences(text, findQuotedSpans(text)).map((sentence) => sentence.end);
}

// A sentence ends at . ! or ? (with any citations right after it) followed by whitespace or the end, or at a line
// break. At the end too, so the start of a streamed answer splits as the whole answer will.
const SENTENCE_END = /[.!?]+(?:\s*\[[\d\s,;]+\])*(?=\s|$)|\n/g;

/** Sentences as consecutive ranges covering the text; quoted words are masked so their full stops do not split. */
function splitSentences(text: string, quotes: QuotedSpan[]): Sentence[] {
  let masked = text;
  for (const quote of quotes) masked = masked.slice(0, quote.start) + '"'.padEnd(quote.end - quote.start - 1, 'x') + '"' + masked.slice(quote.end);
  const ends = [...masked.matchAll(SENTENCE_END)].map((match) => match.index + match[0].length);
  const bounds = [0, ...ends.filter((end) => end < text.length), text.length];
  const citations = findCitations(masked);
  const sentences: Sentence[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end <= start) continue;
    sentences.push({
      start,
      end,
      citations: citations.filter((group) => group.start >= start && group.end <= end),
      quotes: quotes.filter((quote) => quote.start >= start && quote.start < end),
    });
  }
  return sentences;
}

function rewriteCitations(text: string, sentence: Sentence, renumber: ReadonlyMap<number, number>): string {
  let out = '';
  let at = sentence.start;
  for (const group of sentence.citations) {
    const replacement = formatCitations(group.numbers, renumber);
    out += (replacement ? text.slice(at, group.start) : text.slice(at, group.start).replace(/[ \t]+$/, '')) + replacement;
    at = group.end;
  }
  return out + text.slice(at, sentence.end);
}

/** Removes the gaps left by removed sentences and citations. */
function tidy(text: string): string {
  return text
    .replace(/\](?:\s*)\[/g, '][')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

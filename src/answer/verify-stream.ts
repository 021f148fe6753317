// Verification while the model's answer arrives: only whole sentences that passed verifyAnswer are let out.
import { sentenceEnds, verifyAnswer } from './verify-answer.js';
import { findQuotedSpans } from './verify-quotes.js';

// Every character that may open or close a quotation (verify-quotes.ts), apostrophes included.
const QUOTE_MARK = /["“”„‟«»‹›「」『』〝〞〟＂‘’‚‛']/gu;
const SINGLE_MARK = /['‘’‚‛]/u;
const LETTER = /[\p{L}\p{N}]/u;

/**
 * Verifies a model's answer as it streams. `update` takes the raw text received so far and returns the text that
 * became safe to show ('' when none): the verified form of every sentence that is settled — a later sentence has
 * begun with something other than a citation, so no citation can still join it, and no quotation mark before it is
 * still open, so no quotation can still span it — once one of them cites a passage (an answer that never does falls
 * back to the quotes, so none of it is shown). Joined, the pieces are a prefix of verifyAnswer(whole text).text;
 * `rest` gives what is left once the whole text is known, or undefined when what was shown is not a prefix of the
 * final text (the caller then replaces it).
 */
export class StreamingVerifier {
  /** Everything returned by `update` so far, joined. */
  shown = '';
  private settled = '';

  /** `passages` and `speakers` as verifyAnswer takes them (numbered from 1). */
  constructor(
    private readonly passages: string[],
    private readonly speakers: string[],
  ) {}

  update(textSoFar: string): string {
    const settled = textSoFar.slice(0, settledLength(textSoFar));
    // Most chunks settle nothing new: verify only when the settled text changed.
    if (!settled || settled === this.settled) return '';
    this.settled = settled;
    const verified = verifyAnswer(settled, this.passages, this.speakers);
    // Until a kept sentence cites a passage, the answer may still end with no citation (and fall back to quotes).
    if (verified.cited.length === 0 || !verified.text.startsWith(this.shown)) return '';
    const piece = verified.text.slice(this.shown.length);
    this.shown = verified.text;
    return piece;
  }

  /** The final verified text's part not yet shown; undefined when the shown text is not its prefix. */
  rest(finalText: string): string | undefined {
    return finalText.startsWith(this.shown) ? finalText.slice(this.shown.length) : undefined;
  }
}

/** Length of the longest prefix of `text` whose sentences can no longer change (see StreamingVerifier). */
export function settledLength(text: string): number {
  const ends = sentenceEnds(text).filter((end) => end < text.length);
  for (let i = ends.length - 1; i >= 0; i--) {
    const end = ends[i]!;
    if (/^\s*[^\s[]/u.test(text.slice(end)) && !hasOpenQuotationMark(text.slice(0, end))) return end;
  }
  return 0;
}

/**
 * Whether a quotation mark in `text` may still open a quotation: one that is not part of a closed quotation, unless it
 * is a single mark right after a letter (an apostrophe: "don’t", "brands’"), which verify-quotes.ts never lets open
 * one. Double marks pair whatever surrounds them.
 */
function hasOpenQuotationMark(text: string): boolean {
  const paired = new Set(findQuotedSpans(text).flatMap((span) => [span.start, span.end - 1]));
  for (const match of text.matchAll(QUOTE_MARK)) {
    const at = match.index;
    const apostrophe = SINGLE_MARK.test(match[0]) && LETTER.test(text[at - 1] ?? '');
    if (!paired.has(at) && !apostrophe) return true;
  }
  return false;
}

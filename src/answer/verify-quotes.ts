// Finds the quoted spans of a model's answer and checks that each is verbatim in a passage.

/** A span in quotation marks of any style ("…", “…”, „…“, «…», ‹…›, 「…」, ‘…’, '…'…), located in the text. */
export interface QuotedSpan {
  /** Offsets including the quotation marks. */
  start: number;
  end: number;
  /** The words between the marks, as written. */
  inner: string;
}

// Every quotation mark Unicode has (Pi/Pf and the CJK corner brackets), in every pairing languages use: English
// “…”, German „…“ and »…«, French «…» and ‹…›, Japanese 「…」 and 『…』, full-width ＂…＂. One line at most: an
// unmatched mark must not pair with one paragraphs later.
const OPENING = '"“„‟«»‹›「『〝＂';
const CLOSING = '"”“«»‹›」』〞〟＂';
const DOUBLE_QUOTED = new RegExp(`[${OPENING}]([^${OPENING}${CLOSING}\\n]*)[${CLOSING}]`, 'g');
// Single marks double as apostrophes ("don’t", "customers'"): a quotation opens where no letter precedes the mark
// and closes where no letter follows it, so an apostrophe inside a word neither opens nor ends one.
const CURLY_SINGLE_QUOTED = /(?<![\p{L}\p{N}])[‘‚‛]([^‘‚‛\n]*?)[’‘](?![\p{L}\p{N}])/gu;
const STRAIGHT_SINGLE_QUOTED = /(?<![\p{L}\p{N}])'([^'\n]*?\s[^'\n]*?)'(?![\p{L}\p{N}])/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function findQuotedSpans(text: string): QuotedSpan[] {
  return [DOUBLE_QUOTED, CURLY_SINGLE_QUOTED, STRAIGHT_SINGLE_QUOTED]
    .flatMap((pattern) => [...text.matchAll(pattern)])
    .filter((match) => WORD_CHAR.test(match[1]!))
    .map((match) => ({ start: match.index, end: match.index + match[0].length, inner: match[1]! }))
    .sort((a, b) => a.start - b.start);
}

/** Straight and curly quotes and apostrophes made alike, runs of whitespace made one space. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[“”„‟«»‹›「」『』〝〞〟＂]/g, '"')
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the quoted words occur in the passage as written, up to whitespace and quote styles. Punctuation the
 * model put at the very end (a sentence's full stop) is not held against it; a match must start and end on
 * word boundaries, so "live vid" is not a quote of "live video".
 */
export function isVerbatimIn(quoted: string, passage: string): boolean {
  const needle = normalizeForMatch(quoted).replace(/[\s.,;:!?]+$/u, '');
  if (!WORD_CHAR.test(needle)) return false;
  const haystack = normalizeForMatch(passage);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startsOnBoundary = !WORD_CHAR.test(needle[0]!) || before === undefined || !WORD_CHAR.test(before);
    const endsOnBoundary = !WORD_CHAR.test(needle.at(-1)!) || after === undefined || !WORD_CHAR.test(after);
    if (startsOnBoundary && endsOnBoundary) return true;
  }
  return false;
}

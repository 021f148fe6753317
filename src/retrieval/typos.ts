// Typo tolerance for lexical search, as search engines do it: a query term the corpus lacks is matched to the
// corpus terms within a small edit distance (Damerau-Levenshtein: a swap of two neighbouring letters is one edit).
import damerauLevenshtein from 'damerau-levenshtein';

// Shorter terms have too many neighbours ("ad" → "ai", "app" → "apt") to guess from.
const MIN_TYPO_LENGTH = 4;

/** How many edits a term of this length may be away: 1 up to 5 letters ("vidoe" → "video"), 2 from 6. */
function allowedEdits(length: number): number {
  return length >= 6 ? 2 : 1;
}

/**
 * The vocabulary's terms (stems, as `tokenize` makes them) nearest to `term` within the allowed edits, all those at
 * the least distance; empty for a short term, a number, or when none is close.
 */
export function closeTerms(term: string, vocabulary: readonly string[]): string[] {
  if (term.length < MIN_TYPO_LENGTH || /\d/.test(term)) return [];
  const allowed = allowedEdits(term.length);
  let best = allowed + 1;
  let found: string[] = [];
  for (const candidate of vocabulary) {
    if (Math.abs(candidate.length - term.length) > allowed || candidate.length < MIN_TYPO_LENGTH) continue;
    const edits = damerauLevenshtein(term, candidate).steps;
    if (edits < best) [best, found] = [edits, [candidate]];
    else if (edits === best) found.push(candidate);
  }
  return found;
}

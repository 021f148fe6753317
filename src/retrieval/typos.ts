// Typo tolerance for lexical search, as search engines do it: a query term the corpus lacks is matched to the
// corpus terms within a small edit distance (Damerau-Levenshtein: a swap of two neighbouring letters is one edit).
import { readFile } from 'node:fs/promises';
import damerauLevenshtein from 'damerau-levenshtein';
import { LRUCache } from 'lru-cache';
import wordListPath from 'word-list';

// Shorter terms have too many neighbours ("ad" → "ai", "app" → "apt") to guess from.
const MIN_TYPO_LENGTH = 4;

/** How many edits a term of this length may be away: 1 up to 5 letters ("vidoe" → "video"), 2 from 6. */
function allowedEdits(length: number): number {
  return length >= 6 ? 2 : 1;
}

// Terms looked up per vocabulary (a store hands out the same array until its corpus changes): a scan of the whole
// vocabulary is the largest piece of a question's JavaScript work, run on the thread that acks Slack's requests.
const MEMO_TERMS = 10_000;
const memos = new WeakMap<readonly string[], LRUCache<string, string[]>>();

/**
 * The vocabulary's terms (stems, as `tokenize` makes them) nearest to `term` within the allowed edits, all those at
 * the least distance; empty for a short term, a number, or when none is close. Remembered per vocabulary array.
 */
export function closeTerms(term: string, vocabulary: readonly string[]): string[] {
  let memo = memos.get(vocabulary);
  if (!memo) memos.set(vocabulary, (memo = new LRUCache({ max: MEMO_TERMS })));
  const known = memo.get(term);
  if (known) return known;
  const found = scan(term, vocabulary);
  memo.set(term, found);
  return found;
}

function scan(term: string, vocabulary: readonly string[]): string[] {
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

let englishWords: Promise<Set<string>> | undefined;

/**
 * Whether `word` (as typed; any case) is an English word, and so not a typing slip for a corpus word one edit away
 * ("radio" is not "audio"): one of the word-list package's 274,000 words (2.8 MB), read into memory on first use.
 */
export async function isEnglishWord(word: string): Promise<boolean> {
  englishWords ??= readFile(wordListPath, 'utf8').then((text) => new Set(text.split('\n')));
  return (await englishWords).has(word.toLowerCase());
}

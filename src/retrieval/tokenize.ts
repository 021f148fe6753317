// Turns text into the stemmed content terms that the BM25 index, the local embedder and the relevance floor share.
import { stemmer } from 'stemmer';

// Function words, plus the words every question to this bot shares ("what do CMOs predict about…"): they say
// nothing about the topic, so they must not make an off-topic question look relevant.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any anyone are aren as at be because been before being below
  between both but by can cannot could couldn d did didn do does doesn doing don down during each else even ever every
  few for from further get gets got had hadn has hasn have haven having he her here hers herself him himself his how i
  if in into is isn it its itself just ll m me might more most much must my myself no nor not now of off on once only
  or other others our ours ourselves out over own re s same say says said shall she should shouldn so some someone
  such t than that the their theirs them themselves then there these they this those through to too under until up
  us ve very was wasn way we were weren what when where which while who whom why will with won would wouldn you your
  yours yourself yourselves
  cmo cmos chief officer officers predict predicts predicted prediction predictions think thinks expect expects
  expected expectation anybody people tell please happen happens mention mentions mentioned see sees many`.split(/\s+/),
);

/** Lower-cased, stemmed content terms in reading order (duplicates kept, for term frequencies). */
export function tokenize(text: string): string[] {
  return contentWords(text).map(({ term }) => term);
}

export interface ContentWord {
  word: string;
  term: string;
  /** Where the word starts in the text after NFKC normalization. */
  start: number;
  /** Directly after the previous content word, with only a space or hyphen between: part of a compound ("radio advertising"). */
  joined: boolean;
}

/** Content words with their stems, in reading order. */
export function contentWords(text: string): ContentWord[] {
  const words: ContentWord[] = [];
  const normalized = text.normalize('NFKC');
  // Where the previous word ended, when it was a content word.
  let previousEnd: number | undefined;
  for (const match of normalized.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    const start = match.index;
    if ((word.length < 2 && !/\d/.test(word)) || STOPWORDS.has(word)) {
      previousEnd = undefined;
      continue;
    }
    const joined = previousEnd !== undefined && /^[\s-]+$/u.test(normalized.slice(previousEnd, start));
    words.push({ word, term: stemmer(word), start, joined });
    previousEnd = start + match[0].length;
  }
  return words;
}

/** Term → count. */
export function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

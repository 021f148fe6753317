// Turns text into the stemmed content terms of BM25 (index and queries) and of the question checks.
import { createHash } from 'node:crypto';
import { stemmer } from 'stemmer';

// Who is asked and for what: words every question to this bot shares ("what do CMOs predict about…").
const BOT_WORDS = `cmo cmos chief officer officers predict predicts predicted prediction predictions think thinks expect expects
  expected expectation`.split(/\s+/);
// Function words and the bot's words: they say nothing about the topic, so BM25 must not rank on them, and a question
// made only of them and a name ("What did CMO #7 say?") asks for everything that speaker said.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any anyone are aren as at be because been before being below
  between both but by can cannot could couldn d did didn do does doesn doing don down during each else even ever every
  few for from further get gets got had hadn has hasn have haven having he her here hers herself him himself his how i
  if in into is isn it its itself just ll m me might more most much must my myself no nor not now of off on once only
  or other others our ours ourselves out over own re s same say says said shall she should shouldn so some someone
  such t than that the their theirs them themselves then there these they this those through to too under until up
  us ve very was wasn way we were weren what when where which while who whom why will with won would wouldn you your
  yours yourself yourselves anybody people tell please happen happens mention mentions mentioned see sees many`
    .split(/\s+/)
    .concat(BOT_WORDS),
);
const BOT_WORD = new RegExp(`\\b(${BOT_WORDS.join('|')})\\b\\s*`, 'giu');

/** The text without who is asked and for what ("What do CMOs predict for B2B?" → "What do for B2B?"). */
export function withoutBotWords(text: string): string {
  return text.replace(BOT_WORD, '').trim() || text;
}

/** Lower-cased, stemmed content terms in reading order (duplicates kept, for term frequencies). */
export function tokenize(text: string): string[] {
  return contentWords(text).map(({ term }) => term);
}

export interface ContentWord {
  word: string;
  term: string;
  /** Where the word starts in the text after NFKC normalization. */
  start: number;
}

/** Content words with their stems, in reading order. */
export function contentWords(text: string): ContentWord[] {
  const words: ContentWord[] = [];
  for (const match of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if ((word.length < 2 && !/\d/.test(word)) || STOPWORDS.has(word)) continue;
    words.push({ word, term: stemmer(word), start: match.index });
  }
  return words;
}

/** Term → count. */
export function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

// At the end of the module, since it runs tokenize, which needs every constant above. Words that exercise the
// stemmer, stop words, hyphens, apostrophes, digits and Unicode normalization.
const ANALYZER_PROBE = 'The CMO’s predictions: live-streaming videos, account-based marketing (ABM), 3D/VR, naïve Ｆｕｌｌwidth cafés — 2017.';

/**
 * What the stored BM25 terms depend on: the stop words and what `tokenize` makes of a probe text. An index or a
 * Postgres row built with another analyzer is rebuilt (its terms would no longer match the queries' terms).
 */
export const ANALYZER_KEY = createHash('sha256')
  .update(JSON.stringify([[...STOPWORDS], tokenize(ANALYZER_PROBE)]))
  .digest('hex')
  .slice(0, 16);

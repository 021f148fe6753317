// The answer without a language model: a lead line and the retrieved passages, verbatim.
import type { Hit } from '../retrieval/retrieve.js';
import type { Quote, Verification } from './types.js';

/** The verification of an answer no model wrote: nothing was checked or dropped. */
export const NO_VERIFICATION: Verification = Object.freeze({ quotesChecked: 0, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 });

const TRY_AGAIN = 'Try other words, or ask about a marketing channel or trend the corpus covers.';

/** "No quote in the corpus covers this question: it never mentions “radio”. Try other words…" */
export function noEvidenceAnswer(missingWords: string[] = []): string {
  if (missingWords.length === 0) return `No quote in the corpus covers this question. ${TRY_AGAIN}`;
  const names = missingWords.map((word) => `“${word}”`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `No quote in the corpus covers this question: it never mentions ${list}. ${TRY_AGAIN}`;
}

export function toQuote(hit: Pick<Hit, 'passage' | 'score'>): Quote {
  const { text, speaker, file, start, end, title, publisher, year, section, location, textFile } = hit.passage;
  return {
    text,
    speaker,
    file,
    start,
    end,
    title,
    publisher,
    year,
    section,
    ...(location === undefined ? {} : { location }),
    ...(textFile === undefined ? {} : { textFile }),
    score: Number(hit.score.toFixed(6)),
  };
}

/** "corpus/a.md:10-90"; a converted file by its page, slide or row and the saved text the offsets index: "corpus/r.pdf, page 3 (.index/text/r.pdf.txt:10-90)". */
export function quoteLocation(quote: Pick<Quote, 'file' | 'start' | 'end' | 'location' | 'textFile'>): string {
  const offsets = `${quote.textFile ?? quote.file}:${quote.start}-${quote.end}`;
  if (quote.textFile === undefined && quote.location === undefined) return offsets;
  return `${quote.file}${quote.location ? `, ${quote.location}` : ''} (${offsets})`;
}

/** The lead line; without quotes it says so, naming the question's words that the corpus never uses. */
export function extractiveLead(question: string, quotes: Quote[], missingWords: string[] = []): string {
  if (quotes.length === 0) return noEvidenceAnswer(missingWords);
  const speakers = new Set(quotes.map((quote) => `${quote.file}\0${quote.speaker}`)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(quotes.length, 'quote')} from ${plural(speakers, 'source')} on “${question.trim()}”, most relevant first:`;
}

/** "CMO at Balabit · Digital marketing trends 2017, 7 Digits" */
export function attribution(quote: Quote): string {
  const source = [quote.title, quote.publisher].filter(Boolean).join(', ');
  const year = quote.year !== undefined && !source.includes(String(quote.year)) ? ` (${quote.year})` : '';
  return `${quote.speaker} · ${source}${year}`;
}

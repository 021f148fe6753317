// Our own stems in Postgres full-text types: a passage's tsvector (stem:1…tf) and a query's OR of stems. Built from
// `tokenize`, never by Postgres' parser, so both halves of the index see exactly the terms BM25 sees in memory.
import { termCounts, tokenize } from '../tokenize.js';

// Postgres: a lexeme is at most 2047 bytes and keeps at most 256 positions. Longer "terms" are base64 blobs and
// the like, which no question asks for; a tf over 256 moves a BM25 score by well under 1 %.
const MAX_TERM_BYTES = 1000;
const MAX_POSITIONS = 256;

export interface PassageTerms {
  /** tsvector literal: each stem with positions 1…tf. */
  tsvector: string;
  /** Every term, as BM25 counts the passage length. */
  termCount: number;
  /** Distinct stems stored (for document frequencies). */
  distinct: string[];
}

export function passageTerms(text: string): PassageTerms {
  const terms = tokenize(text);
  const parts: string[] = [];
  const distinct: string[] = [];
  for (const [term, tf] of termCounts(terms)) {
    if (Buffer.byteLength(term) > MAX_TERM_BYTES) continue;
    distinct.push(term);
    const positions = Array.from({ length: Math.min(tf, MAX_POSITIONS) }, (_, i) => i + 1).join(',');
    parts.push(`${quote(term)}:${positions}`);
  }
  return { tsvector: parts.join(' '), termCount: terms.length, distinct };
}

/** tsquery literal matching any of the stems. */
export function anyTermQuery(terms: string[]): string {
  return terms.map(quote).join(' | ');
}

/** Stems are letters and digits; quoting (with quotes and backslashes doubled) keeps anything else literal too. */
function quote(term: string): string {
  return `'${term.replace(/['\\]/g, (c) => c + c)}'`;
}

export function vectorLiteral(vector: number[]): string | null {
  // An all-zero vector (no term the embedder knows) has no direction: stored as NULL, as hnswlib leaves it out.
  return vector.every((value) => value === 0) ? null : `[${vector.join(',')}]`;
}

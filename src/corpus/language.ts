// The language a document is written in (franc's trigram model, ISO 639-3 codes such as "eng", "fra", "deu").
import { franc } from 'franc-min';

/** English, the language of the embedding model and of documents too short to tell. */
export const ENGLISH = 'eng';
// Characters of a document enough to tell its language.
const SAMPLE_CHARS = 6000;

/** A document's language from its passages' text; English when the text is too short or unclear to tell. */
export function documentLanguage(text: string): string {
  const detected = franc(text.slice(0, SAMPLE_CHARS), { minLength: 40 });
  return detected === 'und' ? ENGLISH : detected;
}

// A question is too short for trigrams alone ("Was sagen die CMOs über Live-Video?" reads as Spanish to them): its
// function words decide first.
const FUNCTION_WORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    fra: 'le la les des est une sur pour quoi dans avec sont selon qui du au aux ce cette combien quel quelle quels pourquoi comment',
    deu: 'der die das und über wie sind nicht mit dem den ein eine sagen werden was welche welchen bei ist seit auch',
    spa: 'el los las del por para qué cómo sobre también según están cuánto cuál dicen',
    por: 'os dos são não uma também dizem como',
    ita: 'della sul cosa sono gli dei che come',
    nld: 'wat hoe niet zijn het een voor',
  }).map(([language, words]) => [language, new Set(words.split(' '))]),
);

/** Which of the corpus's languages a question that is not English is in; undefined when it is in none of them. */
export function questionLanguage(question: string, corpusLanguages: readonly string[]): string | undefined {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  const votes = Object.entries(FUNCTION_WORDS)
    .map(([language, set]) => ({ language, count: words.filter((word) => set.has(word)).length }))
    .sort((a, b) => b.count - a.count);
  const [first, second] = votes;
  const language = first && first.count > (second?.count ?? 0) ? first.language : franc(question, { minLength: 3 });
  return language !== ENGLISH && corpusLanguages.includes(language) ? language : undefined;
}

/** "English, French and German" */
export function languageNames(languages: readonly string[]): string {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const list = [...languages].sort((a, b) => (a === ENGLISH ? -1 : b === ENGLISH ? 1 : a.localeCompare(b))).map((code) => names.of(code) ?? code);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : (list[0] ?? '');
}

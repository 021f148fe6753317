// What a message to the bot is before any search: a question (without "hey trendbot,"), small talk, or a question not
// in English.

export type Message =
  | { kind: 'question'; question: string }
  /** "thanks!", "hello", "ok, that's all I needed": nothing to look up. */
  | { kind: 'small_talk' }
  /** Another language: answered only when the corpus has documents in it. */
  | { kind: 'not_english'; question: string };

// "hey trendbot,", "@trendbot", "<@U0BOT>", "hi there!" at the start of a message.
const GREETING = String.raw`(?:hey|hi|hello|yo|ok|okay|dear)(?:\s+there)?\b`;
const MENTION = String.raw`(?:@?trendbot\b|<@[A-Z0-9]+(?:\|[^>]*)?>)`;
const ADDRESS = new RegExp(String.raw`^\s*(?:${GREETING}[\s,!.:]*)?(?:${MENTION}[\s,!.:]*)?(?:${GREETING}[\s,!.:]+)?`, 'i');
const SMALL_TALK = new Set(
  `thanks thank thx ty cheers great awesome cool perfect nice ok okay got it that that's thats is was all i needed need
  bye goodbye hello hi hey there good morning afternoon evening much very so a lot helpful really super alright sure
  wow excellent appreciate appreciated you trendbot lol yes no nope yep fine understood makes sense see later`.split(/\s+/),
);
// Function words of other languages that English never uses: two of them and no English one mean another language.
const FOREIGN = new Set(
  `que el los las del por para qué cómo sobre también según están les des est une sur pour quoi dans avec sont selon qui und
  der über wie sind nicht mit dem ein eine sagen werden os dos são não uma também della sul cosa sono gli dei wat hoe
  niet zijn het een voor`.split(/\s+/),
);
const ENGLISH = new Set(
  'the of to for about what which who how why when where are do does did will would can should and or with that this they their any'.split(' '),
);

// A web address is never what the corpus speaks about; its pieces ("https", "login") would only blur the search.
const URL = /\b(?:https?|ftp):\/\/[^\s]*[^\s.,;:!?)]/gi;

/** Classifies a message and strips how it addresses the bot, and web addresses. Nothing left is small talk. */
export function readMessage(text: string): Message {
  const question = text
    .replace(ADDRESS, '')
    .replace(URL, ' ')
    .replace(/\s+([?!.,])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const words =
    question
      .toLowerCase()
      .replaceAll('’', "'")
      .match(/[\p{L}\p{N}']+/gu) ?? [];
  if (words.every((word) => SMALL_TALK.has(word)) && !question.includes('?')) return { kind: 'small_talk' };
  if (!isEnglish(question, words)) return { kind: 'not_english', question };
  return { kind: 'question', question };
}

function isEnglish(text: string, words: string[]): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((letter) => /\p{Script=Latin}/u.test(letter)).length;
  if (letters.length > 0 && latin < letters.length / 2) return false;
  const foreign = words.filter((word) => FOREIGN.has(word)).length;
  return foreign < 2 || words.some((word) => ENGLISH.has(word));
}

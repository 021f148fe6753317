// Questions about one contributor: "What did CMO #7 say?", "What does the Pusher CMO think about content?", "what did
// Mara Lindqvist say about retail media?", "what did the head of retail media at Kornhaus say?".
import { looksLikeName, personName } from '../corpus/speaker-labels.js';
import { tokenize } from './tokenize.js';

/** Where a question names one contributor, and what it asks beyond the name. */
export interface SpeakerMention {
  /** The contributor's speakers exactly as in Passage.speaker: one person may be credited differently in two files. */
  speakers: string[];
  /** The question without the name: when it has no content words, the question asks for everything they said. */
  rest: string;
}

// A company named beside a person's name counts only when the question is about what someone said.
const ASKS_ABOUT_SOMEONE =
  /\b(say|says|said|think|thinks|thought|argue|argues|argued|according to|predicts?|cmo|ceo|vp|head|director|founder|lead|manager|chief|officer|host|analyst)\b/i;

/**
 * The one contributor the question names: by number ("CMO #7", "CMO 7", "the 7th CMO"), by name ("Mara Lindqvist",
 * "Lindqvist") or by company ("the Pusher CMO" for "CMO at Pusher"; for a named person's company, only in a question
 * about what someone said). Undefined when it names none, or several (a comparison is answered by topic).
 */
export function speakerNamedIn(question: string, speakers: readonly string[]): SpeakerMention | undefined {
  const matches = speakers.flatMap((speaker) => {
    const own = ownPattern(speaker);
    if (own?.test(question)) return [{ speaker, pattern: own, byName: true }];
    const { company } = mentionPatterns(speaker);
    return company?.test(question) && ASKS_ABOUT_SOMEONE.test(question) ? [{ speaker, pattern: company, byName: false }] : [];
  });
  const named = matches.some((match) => match.byName) ? matches.filter((match) => match.byName) : matches;
  const people = new Set(named.map(({ speaker }) => identityOf(speaker)));
  if (people.size !== 1) return undefined;
  const [person] = people;
  const mine = speakers.filter((speaker) => identityOf(speaker) === person);
  const rest = named.reduce((text, { pattern }) => text.replace(pattern, ' '), question);
  return { speakers: mine, rest };
}

/** The question asks for all a speaker said ("What did CMO #7 say?"), not for one topic of theirs. */
export function asksForEverything(mention: SpeakerMention): boolean {
  return tokenize(mention.rest).length === 0;
}

/** Whether the text names the speaker ("CMO #7", "the 7th CMO", "Balabit" for "CMO at Balabit", "Lindqvist"). */
export function namesSpeaker(text: string, speaker: string): boolean {
  return ownPattern(speaker)?.test(text) ?? false;
}

// What names this speaker and no one else: a number, a person's name, or the company of a speaker who is only
// "CMO at <company>" (a named person's company may have others speaking for it).
function ownPattern(speaker: string): RegExp | undefined {
  const { name, company, number } = mentionPatterns(speaker);
  return number ?? name ?? (personName(speaker) === speaker ? company : undefined);
}

// One person under two credits ("Mara Lindqvist (CMO, Fjordline Foods)", "Mara Lindqvist, CMO at Fjordline Foods").
function identityOf(speaker: string): string {
  const name = personName(speaker);
  return name.includes(' ') ? name.toLowerCase() : speaker;
}

interface MentionPatterns {
  number?: RegExp;
  name?: RegExp;
  company?: RegExp;
}

// Built once per speaker (the corpus's speakers, so bounded by it); without the g flag a pattern keeps no state.
const patterns = new Map<string, MentionPatterns>();

function mentionPatterns(speaker: string): MentionPatterns {
  let built = patterns.get(speaker);
  if (!built) patterns.set(speaker, (built = buildPatterns(speaker)));
  return built;
}

function buildPatterns(speaker: string): MentionPatterns {
  const number = /#(\d+)\b/.exec(speaker)?.[1];
  if (number) return { number: new RegExp(`(?:#\\s*|\\bCMO\\s*(?:no\\.?\\s*|number\\s*)?)${number}\\b|\\b${number}(?:st|nd|rd|th)\\s+CMO\\b`, 'i') };
  const name = personName(speaker);
  const person = looksLikeName(name) && name.includes(' ') ? name : undefined;
  const surname = person?.split(' ').at(-1);
  const company = companyOf(speaker);
  const words = company?.split(/\s+/);
  const alternatives = (options: (string | undefined)[]) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${[...new Set(options.filter((option): option is string => option !== undefined))].map(escape).join('|')})(?![\\p{L}\\p{N}])`,
      'iu',
    );
  return {
    ...(person ? { name: alternatives([person, surname && surname.length >= 4 ? surname : undefined]) } : {}),
    ...(company ? { company: alternatives([company, words && words.length > 1 && words[0]!.length >= 5 ? words[0] : undefined]) } : {}),
  };
}

// "CMO at Balabit", "Name, Title at Company", "Name (Role, Company)", "Name, Role, Company", "Name, Leiterin … bei Company".
function companyOf(speaker: string): string | undefined {
  const inParentheses = /\(([^)]*)\)\s*$/.exec(speaker)?.[1];
  const name = personName(speaker);
  const details = inParentheses ?? (name === speaker ? speaker : speaker.slice(name.length).replace(/^\s*,\s*/, ''));
  const company = /\b(?:at|bei|chez|of|de|en)\s+(\p{Lu}.*)$/u.exec(details)?.[1] ?? (details.includes(',') ? details.split(',').at(-1)?.trim() : undefined);
  return company && /^\p{Lu}/u.test(company) ? company : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

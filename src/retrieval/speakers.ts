// Questions about one contributor: "What did CMO #7 say?", "What does the Pusher CMO think about content?".
import { tokenize } from './tokenize.js';

/** Where a question names one of the speakers, and what it asks beyond the name. */
export interface SpeakerMention {
  /** The speaker exactly as in Passage.speaker. */
  speaker: string;
  /** The question without the name: when it has no content words, the question asks for everything they said. */
  rest: string;
}

/**
 * The one speaker the question names, by number ("CMO #7", "CMO 7", "the 7th CMO") or by company ("the Pusher CMO"
 * for "CMO at Pusher"); undefined when it names none, or several (a comparison is answered by topic).
 */
export function speakerNamedIn(question: string, speakers: readonly string[]): SpeakerMention | undefined {
  const mentions = speakers.flatMap((speaker) => {
    const pattern = mentionPattern(speaker);
    const match = pattern && pattern.exec(question);
    return match ? [{ speaker, rest: question.replace(pattern, ' ') }] : [];
  });
  return mentions.length === 1 ? mentions[0] : undefined;
}

/** The question asks for all a speaker said ("What did CMO #7 say?"), not for one topic of theirs. */
export function asksForEverything(mention: SpeakerMention): boolean {
  return tokenize(mention.rest).length === 0;
}

/** Whether the text names the speaker ("CMO #7", "the 7th CMO", "Balabit" for "CMO at Balabit"). */
export function namesSpeaker(text: string, speaker: string): boolean {
  return mentionPattern(speaker)?.test(text) ?? false;
}

// Built once per speaker (the corpus's speakers, so bounded by it); without the g flag a pattern keeps no state.
const patterns = new Map<string, RegExp | undefined>();

function mentionPattern(speaker: string): RegExp | undefined {
  if (!patterns.has(speaker)) patterns.set(speaker, buildPattern(speaker));
  return patterns.get(speaker);
}

function buildPattern(speaker: string): RegExp | undefined {
  const number = /#(\d+)\b/.exec(speaker)?.[1];
  if (number) return new RegExp(`(?:#\\s*|\\bCMO\\s*(?:no\\.?\\s*|number\\s*)?)${number}\\b|\\b${number}(?:st|nd|rd|th)\\s+CMO\\b`, 'i');
  const company = /\bat\s+(.+)$/i.exec(speaker)?.[1];
  if (company) return new RegExp(`\\b${company.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  return undefined;
}

// Rule-based follow-up rewriting: a short or elliptical question borrows the topic of the conversation so far.
import { tokenize } from '../retrieval/tokenize.js';

export interface Standalone {
  /** Readable standalone form, for logs and display. */
  text: string;
  /** Earlier questions whose topic is carried over (empty when the question stands alone). */
  context: string[];
}

const FOLLOW_UP_OPENING = /^\s*(and|but|also|or|so|then|what about|how about|what of|same for|and for|and in|and what|and how)\b/i;
const REFERRING = /\b(it|its|they|them|their|this|that|these|those|there|he|she|the same|too|as well|either|instead)\b/i;
// A short question that points back ("Does that apply to B2B too?") leans on the conversation; a long one stands alone
// even when it says "that" or "they".
const MAX_TERMS_TO_LEAN_ON_CONTEXT = 4;

export function isFollowUp(question: string): boolean {
  const ownTerms = new Set(tokenize(question)).size;
  return FOLLOW_UP_OPENING.test(question) || ownTerms === 0 || (ownTerms <= MAX_TERMS_TO_LEAN_ON_CONTEXT && REFERRING.test(question));
}

/** Resolves the question against the earlier turns (oldest first), each of which may itself be a follow-up. */
export function rewriteFollowUp(question: string, history: string[]): Standalone {
  let topic: string[] = [];
  for (const earlier of history) topic = isFollowUp(earlier) && topic.length > 0 ? [...topic, earlier] : [earlier];
  if (topic.length === 0 || !isFollowUp(question)) return { text: question, context: [] };
  return { text: `${question} (following up on: ${topic.join(' / ')})`, context: topic };
}

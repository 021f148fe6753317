// Rule-based follow-up rewriting: a short or elliptical question borrows the topic of the conversation so far.
import { tokenize } from '../retrieval/tokenize.js';

export interface Standalone {
  /** Readable standalone form, for logs and display. */
  text: string;
  /** Earlier questions whose topic is carried over (empty when the question stands alone). */
  context: string[];
}

const FOLLOW_UP_OPENING = /^\s*(and|but|also|or|so|then|what about|how about|what of|same for|and for|and in|and what|and how)\b/i;
const REFERRING = /\b(it|its|they|them|their|this|that|these|those|there|he|she|the same)\b/i;
// A question with this few topic words is too thin to search on its own.
const MIN_OWN_TERMS = 3;

export function isFollowUp(question: string): boolean {
  const ownTerms = new Set(tokenize(question)).size;
  return FOLLOW_UP_OPENING.test(question) || ownTerms === 0 || (ownTerms < MIN_OWN_TERMS && REFERRING.test(question));
}

/** Resolves the question against the earlier turns (oldest first), each of which may itself be a follow-up. */
export function rewriteFollowUp(question: string, history: string[]): Standalone {
  let topic: string[] = [];
  for (const earlier of history) topic = isFollowUp(earlier) && topic.length > 0 ? [...topic, earlier] : [earlier];
  if (topic.length === 0 || !isFollowUp(question)) return { text: question, context: [] };
  return { text: `${question} (following up on: ${topic.join(' / ')})`, context: topic };
}

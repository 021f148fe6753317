// Rule-based follow-up rewriting: a short or elliptical question borrows the topic of the conversation so far.
import { tokenize } from '../retrieval/tokenize.js';

export interface Standalone {
  /** Readable standalone form, for logs and display. */
  text: string;
  /** Earlier questions whose topic is carried over (empty when the question stands alone). */
  context: string[];
  /** "What about radio?": the new topic the answer must be about, whatever the earlier questions were about. */
  ownTopic?: string;
}

const FOLLOW_UP_OPENING = /^\s*(and|but|also|or|so|then|what about|how about|what of|same for|and for|and in|and what|and how)\b/i;
const REFERRING = /\b(it|its|they|them|their|this|that|these|those|there|he|she|the same|too|as well|either|instead|else)\b/i;
// "What about radio?", "and print newspapers?", "How about B2B?": the same question about another topic.
const TOPIC_SWITCH = /^\s*(?:(?:and|but|so|or|also)\s+)?(?:(?:what|how)\s+about|what\s+of|same\s+for|and(?:\s+for|\s+in)?)\s+(.+?)[\s?!.]*$/i;
const QUESTION_WORD = /\b(what|which|who|whom|whose|why|how|when|where|does|do|did|is|are|was|were|will|would|can|could|should)\b/i;
// A short question that points back ("Does that apply to B2B too?") leans on the conversation; a long one stands alone
// even when it says "that" or "they".
const MAX_TERMS_TO_LEAN_ON_CONTEXT = 4;

export function isFollowUp(question: string): boolean {
  const ownTerms = new Set(tokenize(question)).size;
  return FOLLOW_UP_OPENING.test(question) || ownTerms === 0 || (ownTerms <= MAX_TERMS_TO_LEAN_ON_CONTEXT && REFERRING.test(question));
}

/** The new topic of "What about X?" / "And X?", or undefined when the message elaborates on the earlier topic. */
export function switchedTopic(question: string): string | undefined {
  const topic = TOPIC_SWITCH.exec(question)?.[1];
  const terms = topic === undefined ? [] : tokenize(topic);
  // "And in 2014?" asks the same about another year: the earlier topic still applies.
  if (!topic || QUESTION_WORD.test(topic) || REFERRING.test(topic) || terms.every((term) => /^\d+$/.test(term))) return undefined;
  return topic;
}

/** Resolves the question against the earlier turns (oldest first), each of which may itself be a follow-up. */
export function rewriteFollowUp(question: string, history: string[]): Standalone {
  let topic: string[] = [];
  for (const earlier of history) topic = isFollowUp(earlier) && topic.length > 0 ? [...topic, earlier] : [earlier];
  if (topic.length === 0 || !isFollowUp(question)) return { text: question, context: [] };
  const ownTopic = switchedTopic(question);
  return { text: `${question} (following up on: ${topic.join(' / ')})`, context: topic, ...(ownTopic ? { ownTopic } : {}) };
}

// The answer to one checked question: small talk, the trend map, or retrieval, then the optional verified synthesis.
import type { Logger } from 'pino';
import type { PassageStore } from '../retrieval/passage-store.js';
import { DEFAULT_K, retrieve, wordsTheCorpusLacks, type RetrieveOptions, type SearchQuery } from '../retrieval/retrieve.js';
import { extractiveLead, NO_VERIFICATION, toQuote } from './extractive.js';
import type { Llm } from './llm/create-llm.js';
import { LlmError } from './llm/errors.js';
import { rewriteQuestion, writeAnswer } from './llm/write-answer.js';
import { readMessage } from './read-message.js';
import { ENGLISH, languageNames, questionLanguage } from '../corpus/language.js';
import { answerFromTrendMap } from './trend-questions.js';
import type { TrendMap } from '../trends/trend-map.js';
import { rewriteFollowUp } from './rewrite-followup.js';
import type { Answer, FallbackReason } from './types.js';
import { verifyAnswer } from './verify-answer.js';
import { StreamingVerifier } from './verify-stream.js';

export interface AskInput {
  question: string;
  /** Earlier questions of the conversation, oldest first. */
  history?: string[];
}

export interface AnswerOptions extends RetrieveOptions {
  /** The chat model (createLlm); undefined means extractive answers. */
  llm?: Llm;
  /** Where follow-up rewrites and model fallbacks are logged. */
  logger?: Logger;
  /** Called once, before retrieval, when a chat model will work on the answer (seconds): time for a placeholder. */
  onModelWork?: () => void;
  /** The trend map, for questions it answers (counts, lists, overviews, comparisons, bare topics); loaded on first use. */
  trends?: () => Promise<TrendMap | undefined>;
  /**
   * Streams an LLM answer: called in order, and awaited, with each piece of the synthesis once it has passed
   * verification (whole sentences, citations renumbered); joined, the pieces are the start of the final `answer`
   * (compare them with it: a fallback or a rare re-tidied text differs, and whatever was shown must be replaced).
   * Never called for extractive answers. Must not throw.
   */
  onVerifiedText?: (piece: string) => Promise<void>;
}

// Passages the chat model judges in LLM mode: more than an extractive answer shows, since it cites only those that answer.
export const LLM_EVIDENCE = 8;

/** What the reader sees above the quotes when the model's answer could not be used; nothing when there was no evidence. */
function noteFor(reason: FallbackReason): string | undefined {
  if (reason === 'no_evidence' || reason === 'not_answered') return undefined;
  if (reason === 'unverified' || reason === 'llm_malformed_output')
    return 'The AI summary could not be checked against the quotes, so here are the quotes themselves.';
  return 'The AI summary is not available right now, so here are the quotes themselves.';
}

/**
 * Question (and conversation) in, answer with verbatim quotes out; never calls a model without evidence. The question
 * is taken as given: Trendbot.ask (trendbot.ts) checks it first.
 */
export async function answerQuestion(index: PassageStore, input: AskInput, options: AnswerOptions = {}): Promise<Answer> {
  const { llm, logger, onModelWork, trends, onVerifiedText, ...retrieveOptions } = options;
  const asked = input.question.trim();
  const message = readMessage(asked);
  if (message.kind === 'small_talk') return notAQuestion(asked, NOT_A_QUESTION.small_talk);
  const { question } = message;
  if (message.kind === 'not_english') {
    // Searched among the documents in its language, when the corpus has any; the trend map's phrasings are English.
    const languages = await index.languages();
    const language = questionLanguage(question, languages);
    if (!language) return notAQuestion(asked, notInTheCorpusLanguages(languages), 'not_english');
    retrieveOptions.language = language;
  }
  const history = input.history ?? [];
  // A filtered question (--year, --file, another language) is about part of the corpus: the map counts all of it.
  const map = trends && !retrieveOptions.year && !retrieveOptions.file && !retrieveOptions.language ? await trends() : undefined;
  const fromMap = map && (await answerFromTrendMap(question, history, map, index, retrieveOptions));
  if (fromMap && 'answer' in fromMap) return fromMap.answer;
  // One deadline for all model work on this answer: the rewrite, the answer and every retry.
  const model = llm && { llm, deadline: AbortSignal.timeout(llm.deadlineMs) };
  if (model) onModelWork?.();
  const search = fromMap
    ? { text: fromMap.searchFor, query: { question: fromMap.searchFor } }
    : model && history.length > 0
      ? await standaloneWithLlm(model.llm, question, history, model.deadline, logger)
      : standaloneByRules(question, history);
  const hits = await retrieve(index, search.query, { ...retrieveOptions, k: retrieveOptions.k ?? (model ? LLM_EVIDENCE : DEFAULT_K) });
  const quotes = hits.map(toQuote);
  const missingWords = quotes.length === 0 ? await wordsTheCorpusLacks(index, search.query.question) : [];
  const extractive = (fallbackReason?: FallbackReason, verification = NO_VERIFICATION): Answer => {
    const note = fallbackReason && noteFor(fallbackReason);
    const shown = fallbackReason === 'not_answered' ? [] : quotes.slice(0, retrieveOptions.k ?? DEFAULT_K);
    return {
      question,
      standaloneQuestion: search.text,
      mode: 'extractive',
      ...(fallbackReason ? { fallbackReason } : {}),
      ...(note ? { note } : {}),
      answer: extractiveLead(question, shown, missingWords),
      quotes: shown,
      verification,
    };
  };
  if (!model) return extractive();
  if (quotes.length === 0) return extractive('no_evidence');

  const passages = quotes.map((quote) => quote.text);
  const speakers = quotes.map((quote) => quote.speaker);
  const stream = onVerifiedText && new StreamingVerifier(passages, speakers);
  const onPartialText =
    stream &&
    (async (textSoFar: string) => {
      const piece = stream.update(textSoFar);
      if (piece) await onVerifiedText(piece);
      return stream.shown !== '';
    });
  let text: string;
  try {
    text = await writeAnswer(model.llm, search.text, quotes, { signal: model.deadline, onRetry: logRetry(logger, 'answer'), onPartialText });
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    logger?.warn({ code: error.code, err: error, model: model.llm.model }, 'LLM answer failed; answering with quotes');
    return extractive(error.code);
  }
  const verified = verifyAnswer(text, passages, speakers);
  logger?.debug({ verification: verified.verification, cited: verified.cited }, 'LLM answer verified');
  // The final judge: a model that cites no passage at all says that none of them answers the question.
  if (!CITATION.test(text)) {
    logger?.info({ candidates: quotes.length }, 'LLM cited no passage: no quote covers the question');
    return extractive('not_answered', verified.verification);
  }
  if (!verified.text || verified.cited.length === 0) {
    logger?.warn({ verification: verified.verification, chars: text.length }, 'LLM answer unverifiable; answering with quotes');
    return extractive('unverified', verified.verification);
  }
  const rest = stream?.rest(verified.text);
  if (rest && onVerifiedText) await onVerifiedText(rest);
  return {
    question,
    standaloneQuestion: search.text,
    mode: 'llm',
    answer: verified.text,
    quotes: verified.cited.map((n) => quotes[n - 1]!),
    verification: verified.verification,
  };
}

const CITATION = /\[\d+\]/;

const NOT_A_QUESTION = {
  small_talk: 'Glad to help! Ask me about any marketing trend, e.g. “What do CMOs say about live video?”',
} as const;

/** "I can only answer in English and French: the documents I search are in English and French. …" */
function notInTheCorpusLanguages(languages: string[]): string {
  const names = languageNames(languages.length > 0 ? languages : [ENGLISH]);
  const all = languages.length > 1 ? `in ${names}` : `all in ${names}`;
  return `I can only answer in ${names}: the documents I search are ${all}. Try asking in ${languages.length > 1 ? 'one of them' : names}, e.g. “What do CMOs say about live video?”`;
}

function notAQuestion(question: string, answer: string, kind: 'small_talk' | 'not_english' = 'small_talk'): Answer {
  return {
    question,
    standaloneQuestion: question,
    mode: 'extractive',
    notAQuestion: kind,
    answer,
    quotes: [],
    verification: NO_VERIFICATION,
  };
}

interface Search {
  /** The question as searched, for display and for the model. */
  text: string;
  query: SearchQuery;
}

function standaloneByRules(question: string, history: string[]): Search {
  const standalone = rewriteFollowUp(question, history);
  return { text: standalone.text, query: { question, context: standalone.context, ownTopic: standalone.ownTopic } };
}

/** The model's standalone form of a follow-up; the rule-based one when the model fails. */
async function standaloneWithLlm(llm: Llm, question: string, history: string[], signal: AbortSignal, logger: Logger | undefined): Promise<Search> {
  try {
    const rewritten = await rewriteQuestion(llm, question, history, { signal, onRetry: logRetry(logger, 'rewrite') });
    logger?.info({ question, standalone: rewritten, turns: history.length }, 'follow-up rewritten by the LLM');
    return { text: rewritten, query: { question: rewritten } };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    const fallback = standaloneByRules(question, history);
    logger?.warn({ code: error.code, err: error, question, standalone: fallback.text }, 'LLM follow-up rewrite failed; rewritten by rules');
    return fallback;
  }
}

function logRetry(logger: Logger | undefined, step: 'answer' | 'rewrite') {
  return (attempt: number, delayMs: number, error: unknown) =>
    logger?.info({ step, attempt, delayMs, status: (error as { status?: unknown }).status }, 'retrying the chat model');
}

// What an answer is, as every front end (CLI, Slack) receives it.
import type { LlmErrorCode } from './llm/errors.js';

/** One verbatim passage of the corpus, with where to find it. */
export interface Quote {
  text: string;
  speaker: string;
  /** Corpus file, relative to the repo root; readFile(textFile ?? file, 'utf8').slice(start, end) === text. */
  file: string;
  /** UTF-16 code-unit offsets (JavaScript string indices), not bytes or code points, into textFile ?? file. */
  start: number;
  end: number;
  /** A converted format's page, slide or row ("page 3"). */
  location?: string;
  /** A converted format (PDF, DOCX, PPTX, HTML, CSV): the text extracted from file, which the offsets index. */
  textFile?: string;
  title: string;
  publisher?: string;
  year?: number;
  section: string;
  /** The reranker's probability (0…1) that the passage answers the question (retrieve.ts); for "everything CMO #7 said", the embedding similarity. */
  score: number;
}

export interface Answer {
  question: string;
  /** The question as searched: differs from `question` when a follow-up borrowed the conversation's topic. */
  standaloneQuestion: string;
  /** 'llm': a model's synthesis, verified against the quotes; 'extractive': the quotes with a one-line lead. */
  mode: 'extractive' | 'llm';
  /** Why an answer is extractive although a model is configured; undefined for LLM answers and without a model. */
  fallbackReason?: FallbackReason;
  /** A short line for the reader when the model's answer could not be used (never for no_evidence). */
  note?: string;
  /**
   * The lead text: a one-line summary for extractive answers; for LLM answers the verified synthesis, whose [i]
   * cites quotes[i - 1].
   */
  answer: string;
  /** Extractive: most relevant first, empty when nothing in the corpus is about the question. LLM: the cited passages, in the same order. */
  quotes: Quote[];
  /** Set when the message was not a question to look up: small talk, or not in English. No quotes then. */
  notAQuestion?: 'small_talk' | 'not_english';
  /** How many contributors speak to the trend the question is about, from the trend map; one quote per counted contributor. */
  consensus?: ConsensusSummary;
  /** Set on every answer from answerQuestion (all zeros when no model wrote text); optional only for hand-built answers. */
  verification?: Verification;
}

export interface ConsensusSummary {
  /** Trend id and display name, from the trend list. */
  trend: string;
  name: string;
  /** Contributors counted, of all contributors in the corpus. */
  contributors: number;
  total: number;
  /** The year of every counted contributor, when they share one. */
  year?: number;
  /** The same per year, oldest first; `noun` says what the year's contributors are ("CMOs", "blog posts"). */
  groups: { year?: number; noun: string; contributors: number; total: number }[];
}

export type FallbackReason =
  /** Nothing in the corpus is about the question: the model was not asked. */
  | 'no_evidence'
  /** The model read the evidence and cited none of it: no passage answers the question. */
  | 'not_answered'
  /** What was left after verification had no valid citation. */
  | 'unverified'
  | LlmErrorCode;

/** What verification after generation found in the model's text. */
export interface Verification {
  /** Quoted spans found in the model's text. */
  quotesChecked: number;
  /** Quoted spans not verbatim in a passage cited in their sentence: their sentences were removed. */
  quotesDropped: number;
  /** Citation numbers naming no passage the model was given: removed. */
  citationsDropped: number;
  /** Speakers named in a sentence ("the CMO at Balabit") that none of its cited passages is by: the sentence was removed. */
  attributionsDropped: number;
}

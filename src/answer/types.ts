// What an answer is, as every front end (CLI, Slack) receives it.

/** One verbatim passage of the corpus, with where to find it. */
export interface Quote {
  text: string;
  speaker: string;
  /** Corpus file, relative to the repo root; readFile(file).slice(start, end) === text. */
  file: string;
  start: number;
  end: number;
  title: string;
  publisher?: string;
  year?: number;
  section: string;
  /** Retrieval score (reciprocal-rank fusion), higher is more relevant. */
  score: number;
}

export interface Answer {
  question: string;
  /** The question as searched: differs from `question` when a follow-up borrowed the conversation's topic. */
  standaloneQuestion: string;
  mode: 'extractive' | 'llm';
  /** The lead text: a one-line summary for extractive answers. */
  answer: string;
  /** Most relevant first; empty when nothing in the corpus is about the question. */
  quotes: Quote[];
}

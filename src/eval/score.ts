// Scores answers against gold quotes: recall@k, MRR, negative accuracy and verbatim checks, per question kind.
import type { Quote } from '../answer/types.js';

export interface EvalCase {
  id: string;
  question: string;
  kind: string;
  /** Exact substrings of the corpus that a good answer quotes; empty when the corpus has no answer. */
  gold: string[];
  /** Earlier questions, for follow-ups. */
  context?: string[];
}

export interface CaseResult {
  id: string;
  kind: string;
  /** Share of gold strings found in the returned quotes (undefined for negatives). */
  recall?: number;
  /** 1 / rank of the first quote that covers a gold string, 0 if none (undefined for negatives). */
  reciprocalRank?: number;
  /** For negatives: no quote was returned. */
  negativeCorrect?: boolean;
  quotesReturned: number;
  quotesVerbatim: number;
}

export interface KindSummary {
  kind: string;
  questions: number;
  recallAtK?: number;
  mrr?: number;
  negativeAccuracy?: number;
  verbatim: number;
}

/** A gold string is found when a quote from the same file covers at least half of its characters. */
export function coversGold(quote: Quote, fileContent: string, gold: string): boolean {
  let from = fileContent.indexOf(gold);
  while (from !== -1) {
    const overlap = Math.min(quote.end, from + gold.length) - Math.max(quote.start, from);
    if (overlap >= gold.length / 2) return true;
    from = fileContent.indexOf(gold, from + 1);
  }
  return false;
}

export function scoreCase(testCase: EvalCase, quotes: Quote[], readFile: (file: string) => string): CaseResult {
  const quotesVerbatim = quotes.filter((quote) => readFile(quote.textFile ?? quote.file).slice(quote.start, quote.end) === quote.text).length;
  const base = { id: testCase.id, kind: testCase.kind, quotesReturned: quotes.length, quotesVerbatim };
  if (testCase.gold.length === 0) return { ...base, negativeCorrect: quotes.length === 0 };
  const covers = (quote: Quote, gold: string) => coversGold(quote, readFile(quote.textFile ?? quote.file), gold);
  const found = testCase.gold.filter((gold) => quotes.some((quote) => covers(quote, gold))).length;
  const firstHit = quotes.findIndex((quote) => testCase.gold.some((gold) => covers(quote, gold)));
  return { ...base, recall: found / testCase.gold.length, reciprocalRank: firstHit === -1 ? 0 : 1 / (firstHit + 1) };
}

export function summarize(results: CaseResult[]): KindSummary[] {
  const kinds = [...new Set(results.map((result) => result.kind))];
  return [
    ...kinds.map((kind) =>
      summarizeGroup(
        kind,
        results.filter((result) => result.kind === kind),
      ),
    ),
    summarizeGroup('overall', results),
  ];
}

function summarizeGroup(kind: string, results: CaseResult[]): KindSummary {
  const mean = (values: number[]) => (values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length);
  const positives = results.filter((result) => result.recall !== undefined);
  const negatives = results.filter((result) => result.negativeCorrect !== undefined);
  const returned = results.reduce((sum, result) => sum + result.quotesReturned, 0);
  const verbatim = results.reduce((sum, result) => sum + result.quotesVerbatim, 0);
  return {
    kind,
    questions: results.length,
    recallAtK: mean(positives.map((result) => result.recall!)),
    mrr: mean(positives.map((result) => result.reciprocalRank!)),
    negativeAccuracy: mean(negatives.map((result) => (result.negativeCorrect ? 1 : 0))),
    verbatim: returned === 0 ? 1 : verbatim / returned,
  };
}

export function formatSummaryTable(rows: KindSummary[], k: number): string {
  const cell = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2));
  const lines = [`| kind | questions | recall@${k} | MRR | negative accuracy | verbatim |`, '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(
      `| ${row.kind} | ${row.questions} | ${cell(row.recallAtK)} | ${cell(row.mrr)} | ${cell(row.negativeAccuracy)} | ${(row.verbatim * 100).toFixed(0)} % |`,
    );
  }
  return lines.join('\n');
}

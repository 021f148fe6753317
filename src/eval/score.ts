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
  /** Who says each gold string (null where nobody is named), for questions about a speaker. */
  speakers?: (string | null)[];
}

export interface CaseResult {
  id: string;
  kind: string;
  /** Share of gold strings found in the returned quotes (undefined for negatives). */
  recall?: number;
  /** 1 / rank of the first quote that covers a gold string, 0 if none (undefined for negatives). */
  reciprocalRank?: number;
  /** Some gold string was found (undefined for negatives). */
  found?: boolean;
  /** For gold with a named speaker: the first quote that covers such a gold string names that speaker. */
  speakerCorrect?: boolean;
  /** For negatives: no quote was returned. */
  negativeCorrect?: boolean;
  quotesReturned: number;
  quotesVerbatim: number;
}

export interface KindSummary {
  kind: string;
  questions: number;
  recallAtK?: number;
  /** Share of questions with any gold string found. */
  foundAtK?: number;
  /** Share of questions about a named speaker whose quote names them. */
  speakerAccuracy?: number;
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
  const named = testCase.gold.filter((_, i) => testCase.speakers?.[i]);
  const speakerOf = (gold: string) => testCase.speakers?.[testCase.gold.indexOf(gold)]?.toLowerCase() ?? '';
  const credited = quotes.find((quote) => named.some((gold) => covers(quote, gold)));
  const speakerCorrect =
    named.length === 0
      ? undefined
      : named.some((gold) => credited !== undefined && covers(credited, gold) && credited.speaker.toLowerCase().includes(speakerOf(gold)));
  return {
    ...base,
    recall: found / testCase.gold.length,
    found: found > 0,
    ...(speakerCorrect === undefined ? {} : { speakerCorrect }),
    reciprocalRank: firstHit === -1 ? 0 : 1 / (firstHit + 1),
  };
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
    foundAtK: mean(positives.map((result) => (result.found ? 1 : 0))),
    speakerAccuracy: mean(results.filter((result) => result.speakerCorrect !== undefined).map((result) => (result.speakerCorrect ? 1 : 0))),
    mrr: mean(positives.map((result) => result.reciprocalRank!)),
    negativeAccuracy: mean(negatives.map((result) => (result.negativeCorrect ? 1 : 0))),
    verbatim: returned === 0 ? 1 : verbatim / returned,
  };
}

export function formatSummaryTable(rows: KindSummary[], k: number): string {
  const cell = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2));
  const speakers = rows.some((row) => row.speakerAccuracy !== undefined);
  const lines = [
    `| kind | questions | recall@${k} | any gold@${k} | MRR | negative accuracy |${speakers ? ' right speaker |' : ''} verbatim |`,
    `|---|---|---|---|---|---|${speakers ? '---|' : ''}---|`,
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.kind} | ${row.questions} | ${cell(row.recallAtK)} | ${cell(row.foundAtK)} | ${cell(row.mrr)} | ${cell(row.negativeAccuracy)} |` +
        `${speakers ? ` ${cell(row.speakerAccuracy)} |` : ''} ${(row.verbatim * 100).toFixed(0)} % |`,
    );
  }
  return lines.join('\n');
}

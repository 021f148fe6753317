// Runs evaluation cases through any answering function and scores them.
import { readFileSync } from 'node:fs';
import type { Quote } from '../answer/types.js';
import { scoreCase, summarize, type CaseResult, type EvalCase, type KindSummary } from './score.js';

export type QuoteSource = (testCase: EvalCase) => Promise<Quote[]>;

export async function runEval(cases: EvalCase[], quotesFor: QuoteSource): Promise<{ results: CaseResult[]; summary: KindSummary[] }> {
  const files = new Map<string, string>();
  const readFile = (file: string) => {
    if (!files.has(file)) files.set(file, readFileSync(file, 'utf8'));
    return files.get(file)!;
  };
  const results: CaseResult[] = [];
  for (const testCase of cases) results.push(scoreCase(testCase, await quotesFor(testCase), readFile));
  return { results, summary: summarize(results) };
}

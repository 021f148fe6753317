// `npm run eval -- <file.jsonl> [--json]`: recall@k, MRR, negative accuracy and verbatim share, per question kind.
import { Command, InvalidArgumentError, Option } from 'commander';
import pino from 'pino';
import { createLogger } from '../logger.js';
import { loadCases } from '../eval/load-cases.js';
import { runEval } from '../eval/run-eval.js';
import { formatSummaryTable } from '../eval/score.js';
import { DEFAULT_K, type Judge, type Retriever } from '../retrieval/retrieve.js';
import { openTrendbot } from '../trendbot.js';
import { cliConfig, runCli, withProgress } from './run-cli.js';

const program = new Command('eval')
  .description('Measure answers against questions with gold quotes.')
  .argument('<file>', 'JSON lines: {"id", "question", "kind", "gold": [...], "context"?: [...]}')
  .option('--json', 'print one JSON object with the summary and per-question results')
  .addOption(new Option('--retriever <name>', 'which rankings to use').choices(['hybrid', 'bm25', 'dense']).default('hybrid'))
  .option('--verbose', 'also list every question with its score')
  .option('--no-trend-map', 'answer every question by retrieval, not counts and lists from the trend map')
  .option('--llm', 'answer with the configured chat model (ANSWER_MODE), scoring the quotes it cites; extractive by default')
  .addOption(
    new Option('--min-relevance <probability>', 'judge by the reranker (RERANKER_MODEL) alone at this threshold; with --floor, gate at it').argParser(
      parseProbability,
    ),
  )
  .addOption(
    new Option('--floor <similarity>', "judge by the embedder's cosine alone at this floor; with --min-relevance, gated by the reranker").argParser(parseFloor),
  )
  .exitOverride();

function parseProbability(value: string): number {
  const probability = Number(value);
  if (!(probability >= 0 && probability <= 1)) throw new InvalidArgumentError('a probability between 0 and 1, e.g. 0.5');
  return probability;
}

function parseFloor(value: string): number {
  const floor = Number(value);
  if (!(floor >= -1 && floor <= 1)) throw new InvalidArgumentError('a cosine similarity between -1 and 1, e.g. 0.4');
  return floor;
}

await runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const flags = program.opts<{
    json?: boolean;
    verbose?: boolean;
    retriever: Retriever;
    floor?: number;
    minRelevance?: number;
    trendMap: boolean;
    llm?: boolean;
  }>();
  const cases = await loadCases(file);
  const config = cliConfig();
  const logger = createLogger(config.logLevel, pino.destination({ fd: 2, sync: true }));
  const { floor, minRelevance } = flags;
  const judge: Judge | undefined =
    floor !== undefined && minRelevance !== undefined
      ? { kind: 'gated', minSimilarity: floor, minRelevance }
      : floor !== undefined
        ? { kind: 'cosine', minSimilarity: floor }
        : minRelevance !== undefined
          ? { kind: 'reranker', minRelevance }
          : undefined;
  const bot = await withProgress(config, (store) => openTrendbot(config, { logger, store, trendMap: flags.trendMap, chatModel: flags.llm === true }));
  const { results, summary } = await runEval(cases, async (testCase) => {
    const result = await bot.ask({ question: testCase.question, history: testCase.context }, { retriever: flags.retriever, judge });
    return result.kind === 'answer' ? result.answer.quotes : [];
  }).finally(() => bot.close());
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ k: DEFAULT_K, retriever: flags.retriever, summary, results })}\n`);
    return;
  }
  if (flags.verbose) {
    for (const r of results)
      process.stdout.write(
        `${r.id} ${r.kind.padEnd(10)} recall=${r.recall ?? '-'} rr=${r.reciprocalRank ?? '-'} neg=${r.negativeCorrect ?? '-'} quotes=${r.quotesReturned}\n`,
      );
  }
  process.stdout.write(`${formatSummaryTable(summary, DEFAULT_K)}\n`);
});

// `npm run ask -- "<question>"`: answers from the terminal, one question or a batch from stdin (`-`).
import { Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createLogger } from '../logger.js';
import type { AskInput } from '../answer/answer-question.js';
import { attribution, quoteLocation } from '../answer/extractive.js';
import type { Answer } from '../answer/types.js';
import { matchesFile } from '../retrieval/passage-store.js';
import { checkQuestion, openTrendbot, type AskOptions, type AskResult, type Trendbot } from '../trendbot.js';
import { cliConfig, oneLine, runCli, withProgress } from './run-cli.js';

interface AskFlags {
  json?: boolean;
  k: number;
  year?: number;
  file?: string;
  history: string[];
}

const integer = (name: string, min: number, max: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return number;
};

const program = new Command('ask')
  .description('Answer a marketing-trend question with verbatim quotes from the corpus.')
  .argument('<question>', 'the question, or - to read one question per line from stdin (plain text or {"question", "history"})')
  .option('--json', 'print one JSON object (one per line with -)')
  .addOption(new Option('--k <n>', 'how many quotes at most').argParser(integer('--k', 1, 20)).default(5))
  .addOption(new Option('--year <yyyy>', 'only documents of this year').argParser(integer('--year', 1000, 2999)))
  .option('--file <name>', 'only this corpus file')
  .option('--history <question>', 'an earlier question of the conversation (repeatable, oldest first)', (value, all: string[]) => [...all, value], [])
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? text : '') });

await runCli(async () => {
  program.parse();
  const [question] = program.args as [string];
  const flags = program.opts<AskFlags>();
  const config = cliConfig();
  // A bad question fails at once, before the model key is checked and the index opened.
  const invalid = question === '-' ? undefined : checkQuestion(question, config.maxQuestionChars);
  if (invalid) throw new Error(invalid.message);
  const logger = createLogger(config.logLevel, pino.destination({ fd: 2, sync: true }));
  // A bad prompt file or a refused key fails here, in one line, before the index is opened.
  const bot = await withProgress(config, (store) => openTrendbot(config, { logger, store }));
  const options: AskOptions = { k: flags.k, year: flags.year, file: flags.file };
  try {
    if (flags.file !== undefined) checkFileFilter(flags.file, bot.passages.sourcePassages());
    if (question === '-') return await askBatch(bot, options, flags.json);
    const answer = answerOf(await bot.ask({ question, history: flags.history }, options));
    process.stdout.write(flags.json ? `${JSON.stringify(toJson(answer, bot.models))}\n` : formatAnswer(answer));
  } finally {
    await bot.close();
  }
});

/** The answer, or the invalid question's one-line message as an error. */
function answerOf(result: AskResult): Answer {
  if (result.kind === 'invalid_question') throw new Error(result.message);
  return result.answer;
}

/** `--file` must name a corpus file, so a typo is an error rather than "no quote covers this". */
function checkFileFilter(file: string, passages: readonly { file: string }[]): void {
  const files = [...new Set(passages.map((passage) => passage.file))];
  if (files.some((known) => matchesFile(known, file))) return;
  throw new Error(`No corpus file matches --file ${file}. Corpus files: ${files.map((known) => path.basename(known)).join(', ')}.`);
}

/** One answer per stdin line, as text or JSON lines. */
async function askBatch(bot: Trendbot, options: AskOptions, json: boolean | undefined): Promise<void> {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    try {
      const answer = answerOf(await bot.ask(parseBatchLine(line), options));
      process.stdout.write(json ? `${JSON.stringify(toJson(answer, bot.models))}\n` : `${formatAnswer(answer)}\n`);
    } catch (error) {
      process.stdout.write(json ? `${JSON.stringify({ error: oneLine(error), line })}\n` : `error: ${oneLine(error)}\n\n`);
    }
  }
}

function parseBatchLine(line: string): AskInput {
  if (!line.trimStart().startsWith('{')) return { question: line };
  const value = JSON.parse(line) as { question?: unknown; history?: unknown };
  if (typeof value.question !== 'string') throw new Error('A JSON line needs a "question" string.');
  const history = Array.isArray(value.history) ? value.history.filter((item): item is string => typeof item === 'string') : [];
  return { question: value.question, history };
}

/** `--json`: the answer, and what answered (the embedding model; the reranker, null with RERANKER_MODEL=none; the chat model). */
function toJson(answer: Answer, models: Trendbot['models']) {
  return {
    question: answer.question,
    standalone_question: answer.standaloneQuestion,
    mode: answer.mode,
    fallback_reason: answer.fallbackReason ?? null,
    not_a_question: answer.notAQuestion ?? null,
    embedder: models.embedder,
    reranker: models.reranker,
    ...(answer.note ? { note: answer.note } : {}),
    answer: answer.answer,
    quotes: answer.quotes.map(({ text, speaker, file, start, end, title, year, score, location, textFile }) => ({
      text,
      speaker,
      file,
      ...(location === undefined ? {} : { location }),
      ...(textFile === undefined ? {} : { text_file: textFile }),
      start,
      end,
      title,
      year,
      score,
    })),
    ...(answer.consensus ? { consensus: answer.consensus } : {}),
    verification: {
      quotes_checked: answer.verification?.quotesChecked ?? 0,
      quotes_dropped: answer.verification?.quotesDropped ?? 0,
      citations_dropped: answer.verification?.citationsDropped ?? 0,
      attributions_dropped: answer.verification?.attributionsDropped ?? 0,
    },
  };
}

function formatAnswer(answer: Answer): string {
  const lines = [...(answer.note ? [`(${answer.note})`] : []), answer.answer, ''];
  answer.quotes.forEach((quote, i) => {
    const number = answer.mode === 'llm' ? `[${i + 1}] ` : '';
    lines.push(`  ${number}“${quote.text}”`, `    — ${attribution(quote)}`, `      ${quoteLocation(quote)}`, '');
  });
  return `${lines.join('\n')}\n`;
}

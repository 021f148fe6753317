// Starts the real Bolt app (HTTP receiver on a loopback port) against a fake Slack and a real index in a temp dir.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Llm } from '../../src/answer/llm/create-llm.js';
import type { AskInput } from '../../src/answer/answer-question.js';
import type { Answer } from '../../src/answer/types.js';
import type { RunningSlackApp } from '../../src/slack/app.js';
import { createSlackDeps, type SlackDeps } from '../../src/slack/deps.js';
import { createLogger } from '../../src/logger.js';
import { tempIndex, testCore, type TempIndex } from '../helpers/temp-index.js';
import type { FakeSlack } from './fake-slack.js';
import { startLocalSlack } from './local-slack.js';

export interface Harness {
  fake: FakeSlack;
  running: RunningSlackApp;
  deps: SlackDeps;
  index: TempIndex;
  /** The events endpoint, as configured in Slack: http://127.0.0.1:<port>/slack/events */
  url: string;
  /** Every JSON log line the app wrote. */
  logs: string[];
  feedbackFile: string;
  stop: () => Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the real answerQuestion, e.g. to slow it down or make it fail. */
  wrapAsk?: (ask: SlackDeps['ask']) => SlackDeps['ask'];
  rateLimitPerMinute?: number;
  maxQuestionChars?: number;
  /** A chat model (createLlm): answers are LLM answers, with a placeholder while it works. */
  llm?: Llm;
  /** Web API retries of calls Slack surely did not carry out; 0 by default. */
  apiRetries?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const index = await tempIndex();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trendbot-slack-'));
  const feedbackFile = path.join(dataDir, 'feedback.jsonl');
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const maxQuestionChars = options.maxQuestionChars ?? 1000;
  const deps = await createSlackDeps(
    { feedbackFile, rateLimitPerMinute: options.rateLimitPerMinute ?? 10, maxQuestionChars },
    async () => testCore(index, { llm: options.llm, maxQuestionChars }),
    { logger, wrapAsk: options.wrapAsk },
  );
  const slack = await startLocalSlack(deps, options.apiRetries);
  return {
    fake: slack.fake,
    running: slack.running,
    deps,
    index,
    url: slack.url,
    logs,
    feedbackFile,
    stop: async () => {
      await slack.stop();
      await deps.close();
      await index.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface BlockLike {
  type: string;
  text?: { text: string };
  elements?: { text?: string; action_id?: string; value?: string; type?: string }[];
}

/** The quote texts a message shows, in order. */
export function shownQuotes(blocks: unknown): string[] {
  return (blocks as BlockLike[])
    .filter((block) => block.type === 'rich_text')
    .map((block) => (block.elements as unknown as { elements: { text: string }[] }[])[0]!.elements.map((part) => part.text).join(''));
}

/** The `file:start-end` references a message shows, in order. */
export function shownLocations(blocks: unknown): { file: string; start: number; end: number }[] {
  return (blocks as BlockLike[])
    .filter((block) => block.type === 'context')
    .flatMap((block) => block.elements ?? [])
    .map((element) => /· ([^·]+):(\d+)-(\d+)$/.exec(element.text ?? ''))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ file: match[1]!, start: Number(match[2]), end: Number(match[3]) }));
}

/** Every element with an action_id in the message (buttons and feedback buttons). */
export function actionsOf(blocks: unknown): { action_id?: string; value?: string; type?: string }[] {
  return (blocks as BlockLike[]).filter((block) => block.type === 'actions' || block.type === 'context_actions').flatMap((block) => block.elements ?? []);
}

/** The answer deps.ask gives (failing the test for an invalid question). */
export async function answerTo(deps: SlackDeps, input: AskInput): Promise<Answer> {
  const result = await deps.ask(input);
  if (result.kind !== 'answer') throw new Error(`expected an answer, got ${result.code}`);
  return result.answer;
}

/** Asserts the message shows exactly the answer's quotes, in order, each verbatim at its offsets in the corpus. */
export function expectShowsAnswer(blocks: unknown, answer: Answer): void {
  const texts = shownQuotes(blocks);
  const locations = shownLocations(blocks);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts).toEqual(answer.quotes.slice(0, texts.length).map((quote) => quote.text));
  expect(locations).toEqual(answer.quotes.slice(0, texts.length).map(({ file, start, end }) => ({ file, start, end })));
  for (const [i, text] of texts.entries()) {
    const { file, start, end } = locations[i]!;
    expect(readFileSync(file, 'utf8').slice(start, end)).toBe(text);
  }
}

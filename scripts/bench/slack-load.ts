// The Slack path under load: the real Bolt HTTP receiver on loopback, in this process, against a load generator that
// plays Slack from a process of its own (slack-load-generator.ts): bursts of N concurrent @mentions and N /trend.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SearchIndex } from '../../src/retrieval/hnswlib/search-index.js';
import { startSlackApp } from '../../src/slack/app.js';
import { createSlackDeps, type SlackDeps } from '../../src/slack/deps.js';
import { createLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config.js';
import { embedderName } from '../../src/retrieval/embedders/create-embedder.js';
import { trendbotOver } from '../../src/trendbot.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../../test/slack/signed-request.js';
import type { Job, runLoad } from './slack-load-generator.js';

export type SlackLoadResult = Awaited<ReturnType<typeof runLoad>>;

/**
 * Ack and answer latencies (ms) for `rounds` bursts of `concurrency` mentions, then as many /trend, answered from
 * `index`; and the same bursts against an app whose listeners never answer, for the ack cost of Bolt and HTTP alone
 * (the floor). `runs` of each, interleaved (floor, answering, floor, …) after one untimed pair, so neither side is
 * measured in a colder process than the other: p99 drifts down by 10–20 ms as a process warms up.
 */
export async function measureSlackPath(
  index: SearchIndex,
  concurrency: number,
  rounds: number,
  runs = 3,
): Promise<{ answering: SlackLoadResult[]; acksOnly: SlackLoadResult[] }> {
  const never = () => () => new Promise<never>(() => undefined);
  await underLoad(index, never, { concurrency, rounds: 1, answers: false });
  await underLoad(index, undefined, { concurrency, rounds: 1, answers: true });
  const answering: SlackLoadResult[] = [];
  const acksOnly: SlackLoadResult[] = [];
  for (let run = 0; run < runs; run++) {
    acksOnly.push(await underLoad(index, never, { concurrency, rounds, answers: false }));
    answering.push(await underLoad(index, undefined, { concurrency, rounds, answers: true }));
  }
  return { answering, acksOnly };
}

async function underLoad(
  index: SearchIndex,
  wrapAsk: ((ask: SlackDeps['ask']) => SlackDeps['ask']) | undefined,
  job: Omit<Job, 'url'>,
): Promise<SlackLoadResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trendbot-bench-slack-'));
  const deps = await createSlackDeps(
    { feedbackFile: path.join(dataDir, 'feedback.jsonl'), rateLimitPerMinute: 1_000_000, maxQuestionChars: 1000 },
    async () =>
      trendbotOver({
        passages: { store: index, sourcePassages: () => index.passages, passageCount: () => index.passages.length },
        embedder: embedderName(loadConfig({ EMBEDDINGS: 'local' })),
      }),
    { logger: createLogger('silent'), wrapAsk },
  );
  const generator = fork(path.join(import.meta.dirname, 'slack-load-generator.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    generator.once('exit', (code) => reject(new Error(`The Slack load generator exited early (code ${code}).`))),
  );
  exited.catch(() => undefined); // it exits after its result too; only a race with `next` cares
  const next = <T>() => Promise.race([once(generator, 'message') as Promise<[T]>, exited]).then(([message]) => message);
  try {
    const { apiUrl } = await next<{ apiUrl: string }>();
    const running = await startSlackApp({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl, port: 0 },
      deps,
      apiRetries: 0,
      listen: { port: 0, host: '127.0.0.1' },
    });
    try {
      generator.send({ ...job, url: `http://127.0.0.1:${running.port}/slack/events` } satisfies Job);
      return (await next<{ result: SlackLoadResult }>()).result;
    } finally {
      await running.stop();
    }
  } finally {
    generator.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

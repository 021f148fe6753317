// The Slack path under load: the real Bolt HTTP receiver on loopback, the tests' local Slack stand-in, and N
// concurrent signed `/trend` requests for a fixed time. Measures acks and answers posted to response_url.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SearchIndex } from '../../src/retrieval/search-index.js';
import { askDependency } from '../../src/slack/ask-dependency.js';
import { inProcessDeps } from '../../src/slack/in-process-deps.js';
import { createLogger } from '../../src/logger.js';
import { summarizeSources } from '../../src/slack/sources.js';
import type { FakeSlack } from '../../test/slack/fake-slack.js';
import { startLocalSlack } from '../../test/slack/local-slack.js';
import { sendCommand } from '../../test/slack/signed-request.js';
import { percentile } from './percentiles.js';

const TOPICS = ['video', 'personalization', 'account-based marketing', 'podcasts', 'native advertising', 'mobile', 'big data', 'chatbots'];

export async function measureSlackPath(index: SearchIndex, concurrency: number, seconds: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trendbot-bench-slack-'));
  const logger = createLogger('silent');
  const deps = inProcessDeps(
    { feedbackFile: path.join(dataDir, 'feedback.jsonl'), rateLimitPerMinute: 1_000_000, maxQuestionChars: 1000 },
    { ask: askDependency({ store: index }, { logger }), sources: () => summarizeSources(index.passages) },
    logger,
  );
  const slack = await startLocalSlack(deps);
  try {
    return await load(slack.url, slack.fake, concurrency, seconds);
  } finally {
    await slack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** N workers send signed /trend requests until the time is up; then waits (bounded) for every answer. */
async function load(url: string, fake: FakeSlack, concurrency: number, seconds: number) {
  // Stamp each response_url post as the stand-in records it.
  const answeredAt = new Map<string, number>();
  const record = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls) => {
    for (const call of calls) if (call.method.startsWith('respond:')) answeredAt.set(call.method.slice('respond:'.length), performance.now());
    return record(...calls);
  };

  const sentAt = new Map<string, number>();
  const ackMs: number[] = [];
  let errors = 0;
  let sequence = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const id = `r${sequence++}`;
        const sent = performance.now();
        sentAt.set(id, sent);
        try {
          const response = await sendCommand(url, { text: TOPICS[sequence % TOPICS.length]!, user_id: `U${sequence % 500}`, response_url: fake.responseUrl(id) });
          await response.arrayBuffer();
          if (response.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        ackMs.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  // Every acknowledged request must get its answer; wait a bounded time for the last ones.
  const settle = Date.now() + 30_000;
  while (answeredAt.size < sentAt.size - errors && Date.now() < settle) await new Promise((resolve) => setTimeout(resolve, 20));
  const answerMs = [...answeredAt].map(([id, at]) => at - sentAt.get(id)!);
  const duplicates = fake.calls.filter((call) => call.method.startsWith('respond:')).length - answeredAt.size;
  return {
    concurrency,
    seconds: Number(elapsed.toFixed(1)),
    requests: sentAt.size,
    requestsPerSecond: Math.round(sentAt.size / elapsed),
    ackMs: { p50: percentile(ackMs, 50), p99: percentile(ackMs, 99) },
    answerMs: { p50: percentile(answerMs, 50), p99: percentile(answerMs, 99) },
    errors,
    lost: sentAt.size - errors - answeredAt.size,
    duplicates,
  };
}

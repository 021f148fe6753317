// Slack re-sends app_mention on every edit (same ts, an `edited` field, a new event_id). An answered message is not
// answered again, also by a replica that never saw it or after a restart (no shared state: Slack's thread says so).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createSlackDeps } from '../../src/slack/deps.js';
import { tempIndex, testCore, type TempIndex } from '../helpers/temp-index.js';
import { FakeSlack } from './fake-slack.js';
import { startBotOn } from './local-slack.js';
import { sendEvent } from './signed-request.js';

let fake: FakeSlack;
let index: TempIndex;
const stops: (() => Promise<void>)[] = [];
let seq = 0;

/** A fresh bot process: its own in-memory state, the same Slack. */
async function startBot(): Promise<{ url: string; logs: string[]; stop: () => Promise<void> }> {
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const config = { rateLimitPerMinute: 100, feedbackFile: path.join(index.dir, 'feedback.jsonl'), maxQuestionChars: 1000 };
  const deps = await createSlackDeps(config, async () => testCore(index), { logger });
  const { running, url } = await startBotOn(fake, deps);
  const stop = async () => {
    await running.stop();
    await deps.close();
  };
  stops.push(stop);
  return { url, logs, stop };
}

beforeAll(async () => {
  [fake, index] = await Promise.all([FakeSlack.start(), tempIndex()]);
});
afterAll(async () => {
  for (const stop of stops) await stop().catch(() => undefined);
  await fake?.close();
  await index?.cleanup();
});

function mention(text: string, extra: Record<string, unknown> = {}) {
  const ts = `1700000900.${String(++seq).padStart(6, '0')}`;
  return { type: 'app_mention', user: 'U1', text: `<@U_BOT> ${text}`, ts, channel: 'C9', event_ts: ts, ...extra };
}
const edit = (event: ReturnType<typeof mention>, text: string) => ({ ...event, text: `<@U_BOT> ${text}`, edited: { user: 'U1', ts: '1700000999.000001' } });
const postsIn = (thread: string) => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === thread);

describe('an edited @mention', () => {
  it('is not answered again after a restart, nor on a replica that never saw the question', async () => {
    const first = await startBot();
    const question = mention('what about live video?');
    await sendEvent(first.url, question, 'EvEdit1');
    await fake.waitFor(() => postsIn(question.ts).length === 1, 'the answer');
    await first.stop();
    const restarted = await startBot();
    await sendEvent(restarted.url, edit(question, 'what about live video in 2017?'), 'EvEdit2');
    const inThread = mention('and for B2B?', { thread_ts: question.ts });
    await sendEvent(restarted.url, edit(inThread, 'and for B2B brands?'), 'EvEdit3');
    await fake.waitFor(() => postsIn(question.ts).length === 2, 'the answer to the message edited to mention the bot');
    expect(restarted.logs.filter((line) => line.includes('edited mention already answered') && line.includes('EvEdit2'))).toHaveLength(1);
    // A follow-up edited again, once answered, is not answered a second time either.
    await sendEvent(restarted.url, edit(inThread, 'and for B2B brands, really?'), 'EvEdit4');
    await fake.waitFor(() => restarted.logs.some((line) => line.includes('edited mention already answered') && line.includes('EvEdit4')), 'the edit ignored');
    expect(postsIn(question.ts)).toHaveLength(2);
  });

  it('is not answered when the thread cannot be read: a warning, no second answer', async () => {
    const bot = await startBot();
    const question = mention('what about podcasts?');
    fake.failNext.set('conversations.replies', 'ratelimited');
    await sendEvent(bot.url, edit(question, 'what about podcasts now?'), 'EvEdit5');
    await fake.waitFor(() => bot.logs.some((line) => line.includes('could not read the thread of an edited mention')), 'the warning');
    expect(postsIn(question.ts)).toHaveLength(0);
  });
});

// A post whose answer is lost is read back, not re-sent blindly; the Web API client retries only what Slack refused.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { postOnce, webApiRetry } from '../../src/slack/post-once.js';
import { FakeSlack } from './fake-slack.js';
import { BOT_TOKEN } from './signed-request.js';

let fake: FakeSlack;
const logs: string[] = [];
const log = createLogger('debug', { write: (line: string) => void logs.push(line) });
const message = { text: 'the answer', blocks: [] };

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.messages.length = 0;
});

const client = (retries = 0) => new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: webApiRetry(retries), logger: silentLogger() });

describe('postOnce', () => {
  it('finds the post whose answer was lost in the thread, and does not post it again', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 0 }]);
    const ts = await postOnce(client(3), { channel: 'C1', thread_ts: '1700000000.000001', ...message }, log);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('conversations.replies')).toHaveLength(1);
    expect(fake.messages).toHaveLength(1);
    expect(ts).toBe(fake.messages[0]!.ts);
    expect(logs.some((line) => line.includes('had arrived; not posting again'))).toBe(true);
  });

  it('posts again, once, when the read-back shows the post never arrived (a 5xx)', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 503 }]);
    const ts = await postOnce(client(3), { channel: 'C1', thread_ts: '1700000000.000002', ...message }, log);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages.map((m) => m.ts)).toEqual([ts]);
  });

  it('reads a DM without a thread with conversations.history', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 0 }]);
    await postOnce(client(), { channel: 'D1', ...message }, log);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect(fake.messages).toHaveLength(1);
  });

  it('does not read back a post Slack refused (ok: false): the error is thrown as it is', async () => {
    fake.failNext.set('chat.postMessage', 'channel_not_found');
    await expect(postOnce(client(), { channel: 'C404', ...message }, log)).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
  });

  it('throws the lost post’s error when two posts in a row lose their answers', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 500 }, { status: 500 }]);
    await expect(postOnce(client(), { channel: 'C1', thread_ts: '1700000000.000003', ...message }, log)).rejects.toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('webApiRetry', () => {
  it('retries a 429 after its Retry-After', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 429, headers: { 'retry-after': '0' } }]);
    await client(2).chat.postMessage({ channel: 'C1', text: 'x' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it('does not retry a call whose answer was lost, nor a 5xx', async () => {
    fake.httpFailures.set('chat.postMessage', [{ status: 0 }, { status: 500 }]);
    await expect(client(5).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toBeInstanceOf(webApi.WebAPIRequestError);
    await expect(client(5).chat.postMessage({ channel: 'C1', text: 'y' })).rejects.toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

function silentLogger() {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => webApi.LogLevel.ERROR, setName: noop };
}

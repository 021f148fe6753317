// Socket Mode end to end: the real Bolt app connects to a local WebSocket server standing in for Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerQuestion } from '../../src/answer/answer-question.js';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { createSlackDeps } from '../../src/slack/deps.js';
import { createLogger } from '../../src/logger.js';
import { tempIndex, testCore, type TempIndex } from '../helpers/temp-index.js';
import { FakeSlack } from './fake-slack.js';
import { expectShowsAnswer } from './harness.js';
import { BOT_TOKEN } from './signed-request.js';

let fake: FakeSlack;
let wss: WebSocketServer;
let socket: WebSocket | undefined;
let index: TempIndex;
let running: RunningSlackApp;
const received: Record<string, unknown>[] = [];
const logs: string[] = [];

beforeAll(async () => {
  index = await tempIndex();
  fake = await FakeSlack.start({ handlers: { 'apps.connections.open': () => ({ ok: true, url: `ws://127.0.0.1:${fake.port}/socket` }) } });
  wss = new WebSocketServer({ server: fake.server });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'local', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      }),
    );
  });
  const deps = await createSlackDeps(
    { feedbackFile: `${index.dir}/feedback.jsonl`, rateLimitPerMinute: 10, maxQuestionChars: 1000 },
    async () => testCore(index),
    { logger: createLogger('info', { write: (line: string) => void logs.push(line) }) },
  );
  running = await startSlackApp({ slack: { botToken: BOT_TOKEN, appToken: 'xapp-1-test-app-token', apiUrl: fake.apiUrl, port: 0 }, deps, apiRetries: 0 });
});

afterAll(async () => {
  await running?.stop();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  await fake?.close();
  await index?.cleanup();
});

function envelope(id: string, type: string, payload: Record<string, unknown>, retry = 0) {
  return JSON.stringify({
    envelope_id: id,
    type,
    payload,
    accepts_response_payload: type !== 'events_api',
    retry_attempt: retry,
    retry_reason: retry ? 'timeout' : '',
  });
}

describe('Socket Mode', () => {
  it('connects with the app token and runs in socket mode', () => {
    expect(running.mode).toBe('socket');
    expect(fake.callsTo('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-1-test-app-token');
  });

  it('acks an app_mention envelope, answers in the thread, and answers a re-sent event once', async () => {
    const event = {
      type: 'app_mention',
      user: 'U1',
      text: '<@U_BOT> What will happen with live video?',
      ts: '1700000300.000001',
      channel: 'C3',
      event_ts: '1700000300.000001',
    };
    const payload = {
      token: 'x',
      team_id: 'T1',
      api_app_id: 'A1',
      event,
      type: 'event_callback',
      event_id: 'EvSock1',
      event_time: 1700000300,
      authorizations: [{ team_id: 'T1', user_id: 'U_BOT', is_bot: true }],
    };
    socket!.send(envelope('env-1', 'events_api', payload));
    await fake.waitFor(() => received.some((m) => m.envelope_id === 'env-1'), 'the ack of env-1');
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.body.thread_ts === event.ts), 'the answer');
    expect(post.body.channel).toBe('C3');
    expectShowsAnswer(post.body.blocks, await answerQuestion(index.index, { question: 'What will happen with live video?' }));

    socket!.send(envelope('env-2', 'events_api', payload, 1));
    await fake.waitFor(() => received.some((m) => m.envelope_id === 'env-2'), 'the ack of env-2');
    await fake.waitFor(() => logs.some((line) => line.includes('already answered') && line.includes('EvSock1')), 'the re-sent event to be ignored');
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === event.ts)).toHaveLength(1);
  });

  it('acks a /trend envelope and answers through response_url', async () => {
    const payload = {
      token: 'x',
      team_id: 'T1',
      channel_id: 'C3',
      user_id: 'U1',
      command: '/trend',
      text: 'sources',
      response_url: fake.responseUrl('sock'),
      trigger_id: 't',
    };
    socket!.send(envelope('env-3', 'slash_commands', payload));
    await fake.waitFor(() => received.some((m) => m.envelope_id === 'env-3'), 'the ack of env-3');
    const reply = await fake.waitFor(() => fake.callsTo('respond:sock')[0], 'the response');
    expect(JSON.stringify(reply.body.blocks)).toContain('I quote from 3 documents');
  });
});

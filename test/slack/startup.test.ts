// `npm start` failing fast: missing tokens and a token Slack rejects end with one clear line and a non-zero exit.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackApp } from '../../src/slack/app.js';
import { startFakeOpenAI } from '../fixtures/openai/fake-openai-server.js';
import { goodAnswer } from '../fixtures/openai/replies.js';
import { FakeSlack } from './fake-slack.js';
import { sendSigned, SIGNING_SECRET } from './signed-request.js';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start({ authError: 'invalid_auth' });
});
afterAll(async () => {
  await fake?.close();
});

/** Runs src/main.ts with only the given Slack settings (empty strings shadow any developer .env). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: '',
      LOG_LEVEL: 'silent',
      INDEX_DIR: '/nonexistent/trendbot-index-never-built',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('npm start', () => {
  it('names the missing variables and points to npm run ask', async () => {
    const { code, stderr } = await start({});
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Missing SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET');
    expect(stderr).toContain('npm run ask -- "');
  });

  it('in Socket Mode needs no signing secret, only the bot token', async () => {
    const { code, stderr } = await start({ SLACK_APP_TOKEN: 'xapp-1-x' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Missing SLACK_BOT_TOKEN: set it/);
  });

  it('names SLACK_APP_TOKEN and where to get one when Slack rejects it', async () => {
    const good = await FakeSlack.start({ handlers: { 'apps.connections.open': () => ({ ok: false, error: 'invalid_auth' }) } });
    try {
      const { code, stderr } = await start({ SLACK_BOT_TOKEN: 'xoxb-good-token', SLACK_APP_TOKEN: 'xapp-bad', SLACK_API_URL: good.apiUrl });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        'error: Slack rejected SLACK_APP_TOKEN (apps.connections.open: invalid_auth). Create an app-level token with the connections:write scope (xapp-…) on your app\'s "Basic Information" page.',
      ]);
    } finally {
      await good.close();
    }
  });

  it('gives up on an unreachable SLACK_API_URL after a bounded check, naming it', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const apiUrl = `http://127.0.0.1:${closedPort}/api/`;
    const slack = { botToken: 'xoxb-x', signingSecret: 's', apiUrl, port: 0 };
    await expect(createSlackApp({ slack, logger: pino({ level: 'silent' }), startupCheckMs: 300 })).rejects.toMatchObject({
      code: 'api_unreachable',
      message: `Could not reach the Slack Web API at SLACK_API_URL (${apiUrl}) within 0.3 s: check the URL and the network.`,
    });
  });

  it('stops cleanly on SIGTERM, when started as the README says', async () => {
    const good = await FakeSlack.start();
    const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-sigterm-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: 'xoxb-good',
          SLACK_SIGNING_SECRET: 's',
          SLACK_API_URL: good.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'info',
          INDEX_DIR: path.join(dir, 'index'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await vi.waitFor(() => expect(stdout).toContain('trendbot is running'), { timeout: 60_000, interval: 100 });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
      expect(stdout).toContain('"signal":"SIGTERM"');
    } finally {
      await good.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails fast with a clear message when Slack rejects the bot token, without printing it', async () => {
    const { code, stderr } = await start({ SLACK_BOT_TOKEN: 'xoxb-wrong-token', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl, PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain('Slack rejected SLACK_BOT_TOKEN (auth.test: invalid_auth)');
    expect(stderr).not.toContain('xoxb-wrong-token');
    expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
  });

  it('fails fast with one line naming REDIS_URL, password hidden, when Redis is unreachable', async () => {
    const good = await FakeSlack.start();
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    try {
      const { code, stderr } = await start({
        SLACK_BOT_TOKEN: 'xoxb-good-token',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: good.apiUrl,
        PORT: '0',
        REDIS_URL: `redis://:hunter2@127.0.0.1:${closedPort}`,
      });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^error: Cannot reach Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\): connect ECONNREFUSED/);
      expect(stderr).not.toContain('hunter2');
    } finally {
      await good.close();
    }
  });

  it('fails fast with one line naming OPENAI_API_KEY when the model server refuses the key (401)', async () => {
    const good = await FakeSlack.start();
    const openai = await startFakeOpenAI({ chat: goodAnswer, modelsStatus: 401 });
    try {
      const { code, stderr } = await start({
        SLACK_BOT_TOKEN: 'xoxb-good-token',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: good.apiUrl,
        PORT: '0',
        OPENAI_BASE_URL: openai.url,
        OPENAI_API_KEY: 'sk-refused-key',
        EMBEDDINGS: 'local',
      });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^error: The chat model server \(http:\/\/127\.0\.0\.1:\d+\/v1\) refused OPENAI_API_KEY \(HTTP 401\)/);
      expect(stderr).not.toContain('sk-refused-key');
      expect(openai.requests.map((request) => request.path)).toEqual(['/v1/models']);
    } finally {
      await openai.close();
      await good.close();
    }
  });
});

describe('npm start with tokens', () => {
  it('starts the HTTP receiver, logs structured JSON without secrets, answers url_verification, loads the models and stops on SIGTERM', async () => {
    const good = await FakeSlack.start();
    const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-good-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: good.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        INDEX_DIR: path.join(dir, 'index'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const line = await good.waitFor(() => stdout.split('\n').find((l) => l.includes('trendbot is running')), 'the startup log line', 30_000);
      const started = JSON.parse(line) as { mode: string; port: number };
      expect(started.mode).toBe('http');
      const response = await sendSigned(
        `http://127.0.0.1:${started.port}/slack/events`,
        JSON.stringify({ type: 'url_verification', challenge: 'ch-1' }),
        'application/json',
      );
      expect(await response.text()).toContain('ch-1');
      // The models load in the background after the start, so the first question does not wait for them.
      const loaded = await good.waitFor(() => stdout.split('\n').find((l) => l.includes('models loaded')), 'the models loaded line', 60_000);
      expect(JSON.parse(loaded)).toMatchObject({ level: 30, ms: expect.any(Number) });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).not.toContain('xoxb-good-token');
      expect(stdout).not.toContain(SIGNING_SECRET);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await good.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

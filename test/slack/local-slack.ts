// The real Bolt app (HTTP receiver on a free loopback port) wired to the local Slack stand-in: for tests and the bench.
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { FakeSlack } from './fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from './signed-request.js';

export interface LocalSlack {
  fake: FakeSlack;
  running: RunningSlackApp;
  /** The events endpoint, as configured in Slack: http://127.0.0.1:<port>/slack/events */
  url: string;
  stop: () => Promise<void>;
}

/** `apiRetries`: the Web API client's retries (webApiRetry); 0 unless retries are under test. */
export async function startLocalSlack(deps: SlackDeps, apiRetries = 0): Promise<LocalSlack> {
  const fake = await FakeSlack.start();
  const { running, url } = await startBotOn(fake, deps, apiRetries);
  return {
    fake,
    running,
    url,
    stop: async () => {
      await running.stop();
      await fake.close();
    },
  };
}

/** One more bot process's app on an existing Slack stand-in (replicas, restarts); its url is the events endpoint. */
export async function startBotOn(fake: FakeSlack, deps: SlackDeps, apiRetries = 0): Promise<{ running: RunningSlackApp; url: string }> {
  const running = await startSlackApp({
    slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    deps,
    apiRetries,
    listen: { port: 0, host: '127.0.0.1' },
  });
  return { running, url: `http://127.0.0.1:${running.port}/slack/events` };
}

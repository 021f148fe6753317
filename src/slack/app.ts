// Builds the Bolt app (HTTP receiver, or Socket Mode with an app token), checks the token, starts and stops it.
import { App, type AppOptions } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import type { AckTracker } from './ack-first.js';
import type { Config } from '../config.js';
import type { SlackDeps } from './deps.js';
import { scrubSecrets } from '../logger.js';
import { boltLogger } from './bolt-logger.js';
import { webApiRetry } from './post-once.js';
import { registerListeners, type Registrations } from './register.js';
import { missingSettingsError, missingSlackSettings, SlackStartupError } from './settings.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  deps: SlackDeps;
  /** Web API retries of calls Slack surely did not carry out (post-once.ts); tests use 0 so a failing fake fails at once. */
  apiRetries?: number;
  /** Where the HTTP receiver listens; tests pass { port: 0, host: '127.0.0.1' }. */
  listen?: { port: number; host?: string };
}

export interface RunningSlackApp {
  app: App;
  registrations: Registrations;
  mode: 'http' | 'socket';
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  stop: () => Promise<void>;
}

/** Builds the Bolt app and checks the bot token with auth.test, so a wrong token fails before anything else. */
export async function createSlackApp(
  options: Pick<SlackAppOptions, 'slack' | 'apiRetries'> & { logger: SlackDeps['logger']; startupCheckMs?: number },
): Promise<App> {
  const checkMs = options.startupCheckMs ?? STARTUP_CHECK_MS;
  const { slack } = options;
  const missing = missingSlackSettings(slack);
  if (missing.length > 0) throw missingSettingsError(missing);
  const socketMode = Boolean(slack.appToken);
  const clientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: webApiRetry(options.apiRetries),
  };
  const appOptions: AppOptions = {
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    socketMode,
    appToken: slack.appToken,
    clientOptions,
    // Socket Mode's own client (apps.connections.open) takes its options from here.
    installerOptions: socketMode ? { clientOptions } : undefined,
    logger: boltLogger(options.logger),
    convoStore: false,
    deferInitialization: true,
  };
  const app = new App(appOptions);
  acknowledgeRateLimitNotices(app, options.logger);
  let timer: NodeJS.Timeout | undefined;
  const unreachable = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const where = slack.apiUrl ? `SLACK_API_URL (${slack.apiUrl})` : 'https://slack.com/api/';
      reject(
        new SlackStartupError('api_unreachable', `Could not reach the Slack Web API at ${where} within ${checkMs / 1000} s: check the URL and the network.`),
      );
    }, checkMs);
  });
  try {
    await Promise.race([app.init(), unreachable]);
  } catch (error) {
    if (error instanceof SlackStartupError) throw error;
    throw new SlackStartupError(
      'auth_failed',
      `Slack rejected SLACK_BOT_TOKEN (auth.test: ${slackError(error)}). Copy the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
  return app;
}

/**
 * Slack's `app_rate_limited` notice (a top-level type, no event: more than 30,000 events for one workspace within an
 * hour) is acknowledged and logged as a warning. Bolt finds no type in it and leaves it unacknowledged, so Slack would
 * get a 404 after 3 s.
 */
function acknowledgeRateLimitNotices(app: App, logger: SlackDeps['logger']): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body = event.body as { type?: unknown; team_id?: unknown; minute_rate_limited?: unknown };
    if (body.type !== 'app_rate_limited') return processEvent(event);
    await event.ack();
    const since = typeof body.minute_rate_limited === 'number' ? new Date(body.minute_rate_limited * 1000).toISOString() : undefined;
    logger.warn(
      { team: body.team_id, since },
      'Slack is dropping this app’s events for the workspace (app_rate_limited: over 30,000 events in an hour); questions asked meanwhile get no answer',
    );
  };
}

// How long the token check at startup may take (the Web API client retries unreachable hosts for many minutes).
const STARTUP_CHECK_MS = 15_000;

/** Registers the listeners on a created app and starts it: Socket Mode with an app token, else HTTP. */
export async function runSlackApp(app: App, options: SlackAppOptions): Promise<RunningSlackApp> {
  const registrations = registerListeners(app, options.deps);
  countPendingAcks(app, options.deps.acks);
  const stop = () => app.stop() as Promise<void>;
  if (options.slack.appToken) {
    try {
      await app.start();
    } catch (error) {
      throw new SlackStartupError(
        'auth_failed',
        `Slack rejected SLACK_APP_TOKEN (apps.connections.open: ${slackError(error)}). Create an app-level token with the connections:write scope (xapp-…) on your app's "Basic Information" page.`,
        { cause: error },
      );
    }
    return { app, registrations, mode: 'socket', stop };
  }
  const server = (await app.start(options.listen ?? options.slack.port)) as Server;
  // From the first byte: reading and verifying the request come before its ack too.
  server.prependListener('request', (_request, response: ServerResponse) => response.once('close', options.deps.acks.begin()));
  return { app, registrations, mode: 'http', port: (server.address() as AddressInfo).port, stop };
}

/** Each event counts as waiting for its ack (ack-first.ts) until it is acknowledged or handled without one. */
function countPendingAcks(app: App, acks: AckTracker): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const done = acks.begin();
    const ack: typeof event.ack = async (response) => {
      try {
        await event.ack(response);
      } finally {
        done();
      }
    };
    try {
      await processEvent({ ...event, ack });
    } finally {
      done();
    }
  };
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  return runSlackApp(await createSlackApp({ ...options, logger: options.deps.logger }), options);
}

/** Slack's error code (invalid_auth…) of a failed Web API call, else its message without secrets. */
function slackError(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? scrubSecrets((error as Error).message);
}

// Builds the Bolt app (HTTP receiver, or Socket Mode with an app token), checks the token, starts and stops it.
import { App, type AppOptions } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from '../config.js';
import type { SlackDeps } from './deps.js';
import { scrubSecrets } from '../logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners, type Registrations } from './register.js';

export class SlackStartupError extends Error {
  constructor(
    readonly code: 'missing_settings' | 'auth_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SlackAppOptions {
  slack: Config['slack'];
  deps: SlackDeps;
  /** Web API retries; tests use 0 so a failing fake fails at once. Undefined keeps Bolt's default. */
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

/** Names of the settings the chosen mode needs but does not have (Socket Mode when SLACK_APP_TOKEN is set). */
export function missingSlackSettings(slack: Config['slack']): string[] {
  const missing = slack.botToken ? [] : ['SLACK_BOT_TOKEN'];
  if (!slack.appToken && !slack.signingSecret) missing.push('SLACK_SIGNING_SECRET');
  return missing;
}

export function missingSettingsError(missing: string[]): SlackStartupError {
  return new SlackStartupError(
    'missing_settings',
    `Missing ${missing.join(', ')}: set ${missing.length > 1 ? 'them' : 'it'} in the environment or .env (see .env.example and manifest.yml). ` +
      'To try the bot without Slack: npm run ask -- "What will happen with live video?"',
  );
}

/** Builds the Bolt app and checks the bot token with auth.test, so a wrong token fails before anything else. */
export async function createSlackApp(options: Pick<SlackAppOptions, 'slack' | 'apiRetries'> & { logger: SlackDeps['logger'] }): Promise<App> {
  const { slack } = options;
  const missing = missingSlackSettings(slack);
  if (missing.length > 0) throw missingSettingsError(missing);
  const socketMode = Boolean(slack.appToken);
  const clientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(options.apiRetries !== undefined ? { retryConfig: { retries: options.apiRetries } } : {}),
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
  try {
    await app.init();
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? scrubSecrets((error as Error).message);
    throw new SlackStartupError(
      'auth_failed',
      `Slack rejected SLACK_BOT_TOKEN (auth.test: ${reason}). Copy the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page.`,
      { cause: error },
    );
  }
  return app;
}

/** Registers the listeners on a created app and starts it: Socket Mode with an app token, else HTTP. */
export async function runSlackApp(app: App, options: SlackAppOptions): Promise<RunningSlackApp> {
  const registrations = registerListeners(app, options.deps);
  const stop = () => app.stop() as Promise<void>;
  if (options.slack.appToken) {
    await app.start();
    return { app, registrations, mode: 'socket', stop };
  }
  const server = (await app.start(options.listen ?? options.slack.port)) as Server;
  return { app, registrations, mode: 'http', port: (server.address() as AddressInfo).port, stop };
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  return runSlackApp(await createSlackApp({ ...options, logger: options.deps.logger }), options);
}

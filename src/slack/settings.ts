// What the Slack app needs from the configuration, checked without loading Bolt, so `npm start` fails fast.
import { TrendbotError } from '../errors.js';
import type { Config } from '../config.js';

export class SlackStartupError extends TrendbotError<'missing_settings' | 'auth_failed' | 'api_unreachable'> {}

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

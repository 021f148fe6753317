// Structured JSON logs (pino) for every front end, with secrets kept out of them.
import pino, { type DestinationStream, type Logger } from 'pino';

// Slack tokens (bot, user, app-level, config) never reach a log line, whatever prints them.
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

// Fields that hold a secret wherever they appear in a logged object (Config's names, and HTTP headers). URLs with a
// password in them (Redis, Postgres) are logged through redactUrl, or not at all.
const SECRET_FIELDS = ['token', 'apiKey', 'botToken', 'appToken', 'signingSecret', 'password', 'redisUrl', 'databaseUrl', 'headers.authorization'];

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '[redacted]');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

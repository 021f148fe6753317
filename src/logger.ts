// Structured JSON logs (pino) for every front end, with secrets kept out of them.
import pino, { type DestinationStream, type Logger } from 'pino';

// Slack tokens (bot, user, app-level, config) never reach a log line, whatever prints them.
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '[redacted]');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['token', '*.token', 'signingSecret', '*.signingSecret', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

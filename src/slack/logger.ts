// Structured JSON logs (pino) for the Slack app, and an adapter so Bolt logs through the same logger.
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
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

/** Bolt's Logger interface over a pino child logger; Bolt's chatter stays at warn unless LOG_LEVEL asks for debug. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.WARN;
  const write = (method: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    const message = scrubSecrets(parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : safeJson(part))).join(' '));
    child[method](message);
  };
  return {
    debug: (...parts) => (level === LogLevel.DEBUG ? write('debug')(...parts) : undefined),
    info: (...parts) => (level === LogLevel.DEBUG || level === LogLevel.INFO ? write('info')(...parts) : undefined),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

// An adapter so Bolt logs through the app's pino logger, tokens scrubbed.
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';
import { scrubSecrets } from '../logger.js';

/** Bolt's Logger interface over a pino child logger; Bolt's chatter stays at warn unless LOG_LEVEL asks for debug. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.WARN;
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
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

import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';

describe('logger', () => {
  it('never writes a secret-bearing field, at the top level or one level down', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const secrets = {
      token: 't1',
      apiKey: 'sk-1',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      signingSecret: 's1',
      password: 'p1',
      redisUrl: 'redis://:p2@h',
      databaseUrl: 'postgres://u:p3@h/db',
    };
    logger.info({ ...secrets, config: secrets, headers: { authorization: 'Bearer x' }, request: { headers: { authorization: 'Bearer y' } } }, 'settings');
    const line = lines.join('');
    for (const value of [...Object.values(secrets), 'Bearer x', 'Bearer y']) expect(line).not.toContain(value);
    expect(line.match(/\[redacted\]/g)?.length).toBe(2 * Object.keys(secrets).length + 2);
  });

  it('scrubs Slack tokens out of any text', () => {
    expect(scrubSecrets('invalid_auth for xoxb-123-abc and xapp-1-A1-xyz')).toBe('invalid_auth for [redacted] and [redacted]');
  });
});

// Exact values for the retry policy: backoff delays, which failures are retried, and the deadline.
import { describe, expect, it } from 'vitest';
import { backoffDelay, callWithRetries, classify } from '../../src/answer/llm/call-model.js';
import { LlmError } from '../../src/answer/llm/errors.js';

const withStatus = (status: number, code?: string) => Object.assign(new Error(`status ${status}`), { status, code });

describe('backoffDelay', () => {
  it('doubles from the base, with up to 50 % jitter', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 500, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(1, 500, () => 1)).toBe(1500);
  });
});

describe('classify', () => {
  it('retries rate limits, server errors, timeouts and dropped connections', () => {
    for (const error of [
      withStatus(429),
      withStatus(500),
      withStatus(503),
      withStatus(408),
      Object.assign(new Error('Request timed out.'), { name: 'TimeoutError' }),
      Object.assign(new Error('Connection error.'), { name: 'APIConnectionError' }),
    ]) {
      expect(classify(error)).toBe('retry');
    }
  });

  it('turns the rest into coded errors', () => {
    expect(classify(withStatus(401))).toMatchObject({ code: 'llm_unauthorized' });
    expect(classify(withStatus(403))).toMatchObject({ code: 'llm_unauthorized' });
    expect(classify(withStatus(429, 'insufficient_quota'))).toMatchObject({ code: 'llm_unavailable' });
    expect(classify(withStatus(404))).toMatchObject({ code: 'llm_rejected' });
    expect(classify(new SyntaxError('Unexpected end of JSON input'))).toMatchObject({ code: 'llm_malformed_output' });
  });
});

describe('callWithRetries', () => {
  it('retries up to maxRetries, then reports the service unavailable', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(withStatus(502));
    };
    const error = await callWithRetries(failing, { maxRetries: 2, retryBaseMs: 1, signal: new AbortController().signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'llm_unavailable', message: 'The chat model failed 3 time(s): status 502' });
    expect(calls).toBe(3);
  });

  it('stops waiting at the deadline', async () => {
    // The first backoff alone is 10 s or more: only the aborted deadline can end this call within the test.
    const deadline = new AbortController();
    const calling = callWithRetries(() => Promise.reject(withStatus(500)), {
      maxRetries: 5,
      retryBaseMs: 10_000,
      signal: deadline.signal,
      onRetry: () => deadline.abort(),
    }).catch((caught: unknown) => caught);
    expect(await calling).toMatchObject({ code: 'llm_timeout' });
  });
});

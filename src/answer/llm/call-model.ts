// One model call under the answer's deadline: retries with exponential backoff, every failure a coded LlmError.
import { setTimeout as sleep } from 'node:timers/promises';
import { LlmError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First delay in milliseconds; doubled per retry. */
  retryBaseMs: number;
  /** The answer's deadline: aborting it ends the call at once. */
  signal: AbortSignal;
  /** Called before each retry, for logs. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Delay before retry number `attempt` (0-based): base·2^attempt, with up to 50 % jitter so clients spread out. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs * 2 ** attempt * (1 + random() / 2));
}

export async function callWithRetries<T>(call: (signal: AbortSignal) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      policy.signal.throwIfAborted();
      return await call(policy.signal);
    } catch (error) {
      if (policy.signal.aborted) throw new LlmError('llm_timeout', 'The chat model did not finish before the deadline (LLM_DEADLINE_MS).', { cause: error });
      const failure = classify(error);
      if (failure !== 'retry') throw failure;
      if (attempt >= policy.maxRetries)
        throw new LlmError('llm_unavailable', `The chat model failed ${attempt + 1} time(s): ${describe(error)}`, { cause: error });
      const delayMs = Math.max(backoffDelay(attempt, policy.retryBaseMs), retryAfterMs(error) ?? 0);
      policy.onRetry?.(attempt + 1, delayMs, error);
      try {
        await sleep(delayMs, undefined, { signal: policy.signal });
      } catch {
        throw new LlmError('llm_timeout', 'The chat model did not finish before the deadline (LLM_DEADLINE_MS).', { cause: error });
      }
    }
  }
}

/** 'retry' for what may pass (rate limits, server errors, timeouts, dropped connections); otherwise the error to throw. */
export function classify(error: unknown): 'retry' | LlmError {
  if (error instanceof LlmError) return error;
  const { status, code, name } = error as { status?: unknown; code?: unknown; name?: unknown };
  if (typeof status === 'number') {
    if (status === 401 || status === 403)
      return new LlmError('llm_unauthorized', `The chat model server refused OPENAI_API_KEY (HTTP ${status}).`, { cause: error });
    if (status === 429 && code === 'insufficient_quota')
      return new LlmError('llm_unavailable', 'The OpenAI account behind OPENAI_API_KEY is out of quota.', { cause: error });
    if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retry';
    return new LlmError('llm_rejected', `The chat model server rejected the request: ${describe(error)}`, { cause: error });
  }
  // The OpenAI client's timeouts and connection failures carry no status; fetch reports a stream cut midway as "terminated".
  if (
    name === 'TimeoutError' ||
    name === 'APIConnectionError' ||
    name === 'APIConnectionTimeoutError' ||
    (error instanceof Error && /connection error|timed out|ECONN|socket|^terminated$/i.test(error.message))
  ) {
    return 'retry';
  }
  return new LlmError('llm_malformed_output', `The chat model's reply could not be read: ${describe(error)}`, { cause: error });
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown }).headers;
  const value = headers instanceof Headers ? headers.get('retry-after') : undefined;
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

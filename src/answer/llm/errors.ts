// The faults of the LLM answer path: coded, one line, saying what to do.
import { TrendbotError } from '../../errors.js';

export type PromptErrorCode = 'prompt_missing' | 'prompt_malformed';

/** A prompt file that cannot be used: raised at startup, before any question is answered. */
export class PromptError extends TrendbotError<PromptErrorCode> {}

export type LlmErrorCode =
  /** 401/403: the key is wrong, revoked or lacks access. */
  | 'llm_unauthorized'
  /** 429, 5xx, a request timeout or a dropped connection, still failing after the retries. */
  | 'llm_unavailable'
  /** The answer's overall deadline passed. */
  | 'llm_timeout'
  /** Any other refusal by the server (400, 404 unknown model, …). */
  | 'llm_rejected'
  /** The reply was not a usable chat completion. */
  | 'llm_malformed_output';

export class LlmError extends TrendbotError<LlmErrorCode> {}

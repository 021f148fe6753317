// Builds the chat model and its prompts from the configuration; undefined when answers stay extractive.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI, OpenAIClient } from '@langchain/openai';
import type { Config } from '../../config.js';
import { LlmError } from './errors.js';
import { loadPrompts, type Prompts } from './load-prompts.js';

/** Everything the LLM answer path needs, created once at startup and shared by all questions. */
export interface Llm {
  chat: BaseChatModel;
  prompts: Prompts;
  /** Model name, for logs. */
  model: string;
  /** Milliseconds for all model work on one answer. */
  deadlineMs: number;
  /** Retries of a failed request (429, 5xx, timeout, dropped connection). */
  maxRetries: number;
  /** First backoff delay in milliseconds; doubles with each retry. */
  retryBaseMs: number;
}

// A short synthesis is two to four sentences, about 150 tokens: room for twice that, never an essay.
export const MAX_ANSWER_TOKENS = 400;
// Answers restate passages: no creativity wanted.
const TEMPERATURE = 0;
const DEFAULT_RETRY_BASE_MS = 500;
// Compatible servers without keys (Ollama, LM Studio) still get a bearer token: the OpenAI client insists on one.
const PLACEHOLDER_KEY = 'not-needed';

type LlmConfig = Pick<Config, 'answerMode' | 'openai' | 'llm'>;

/** The LLM when answers are to be written by one (ANSWER_MODE, or OPENAI_API_KEY / OPENAI_BASE_URL set). Throws PromptError on a bad prompt file. */
export function createLlm(config: LlmConfig, overrides: { retryBaseMs?: number } = {}): Llm | undefined {
  if (config.answerMode !== 'llm') return undefined;
  const prompts = loadPrompts(config.llm.promptsDir);
  const chat = new ChatOpenAI({
    model: config.openai.chatModel,
    apiKey: config.openai.apiKey ?? PLACEHOLDER_KEY,
    configuration: { baseURL: config.openai.baseUrl },
    temperature: TEMPERATURE,
    maxTokens: MAX_ANSWER_TOKENS,
    timeout: config.llm.timeoutMs,
    // Retries are ours (call-model.ts): LangChain's give up on a 429 without Retry-After, as Ollama and vLLM send.
    maxRetries: 0,
    // /v1/chat/completions: what every compatible server speaks (the Responses API is OpenAI's own).
    useResponsesApi: false,
  });
  return {
    chat,
    prompts,
    model: config.openai.chatModel,
    deadlineMs: config.llm.deadlineMs,
    maxRetries: config.llm.maxRetries,
    retryBaseMs: overrides.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
  };
}

// The startup check waits this long at most: a slow server is found out by the first question instead.
const CHECK_TIMEOUT_MS = 5000;

/**
 * A cheap startup check (GET /models, no tokens spent) that the key is accepted. Throws LlmError
 * 'llm_unauthorized' on 401; any other outcome passes, since answers fall back to quotes on their own: a server
 * without /models, a slow one, or a 403 (OpenAI's restricted keys may chat without listing models).
 */
export async function checkLlmAccess(config: Pick<Config, 'answerMode' | 'openai'>): Promise<void> {
  if (config.answerMode !== 'llm') return;
  const client = new OpenAIClient({
    apiKey: config.openai.apiKey ?? PLACEHOLDER_KEY,
    baseURL: config.openai.baseUrl,
    timeout: CHECK_TIMEOUT_MS,
    maxRetries: 0,
  });
  try {
    await client.models.list();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 401) throw unauthorized(status, config.openai.baseUrl, error);
  }
}

export function unauthorized(status: number, baseUrl: string | undefined, cause: unknown): LlmError {
  const where = baseUrl ?? 'OpenAI';
  return new LlmError(
    'llm_unauthorized',
    `The chat model server (${where}) refused OPENAI_API_KEY (HTTP ${status}): set a valid key, or unset OPENAI_API_KEY and OPENAI_BASE_URL for quote-only answers.`,
    { cause },
  );
}

// The only place that reads process.env: a validated, frozen configuration with fix-it error messages.
import { TrendbotError } from './errors.js';
import 'dotenv/config';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** A whole number from the environment; an empty value (`PORT=` in .env) means "use the default", not 0. */
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.coerce.number().int().min(min).max(max).default(fallback));

// Slack and terminals both read comfortably up to about this many characters of question.
export const DEFAULT_MAX_QUESTION_CHARS = 1000;

const schema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_DIR: z.string().default('.index'),
  EMBEDDINGS: z.enum(['openai', 'local']).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  // The model ships with the code: by default it is found wherever the command runs.
  LOCAL_EMBEDDING_MODEL: z
    .string()
    .trim()
    .min(1)
    .default(fileURLToPath(new URL('../models/trendbot-embedder', import.meta.url))),
  // The relevance gate ships too; "none" leaves the decision to the embedder's cosine floor alone.
  RERANKER_MODEL: optionalString.transform((value) =>
    value?.toLowerCase() === 'none' ? undefined : (value ?? fileURLToPath(new URL('../models/trendbot-reranker', import.meta.url))),
  ),
  OPENAI_CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  ANSWER_MODE: z.enum(['llm', 'extractive']).optional(),
  LLM_TIMEOUT_MS: integer(1, 600_000, 20_000),
  LLM_DEADLINE_MS: integer(1, 3_600_000, 45_000),
  LLM_MAX_RETRIES: integer(0, 10, 2),
  PROMPTS_DIR: z.string().default('prompts'),
  TRENDS_FILE: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  PORT: integer(0, 65535, 3000),
  FEEDBACK_FILE: z.string().default('data/feedback.jsonl'),
  RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 10),
  MAX_QUESTION_CHARS: integer(1, 100_000, DEFAULT_MAX_QUESTION_CHARS),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  VECTOR_STORE: z.enum(['hnswlib', 'pgvector']).default('hnswlib'),
  DATABASE_URL: optionalString,
});

export interface Config {
  /** Folder of .md/.txt documents to index. */
  corpusDir: string;
  /** Folder where the built index lives. */
  indexDir: string;
  /** The trend list to map the corpus against; undefined: CORPUS_DIR/trends.yml if present, else the bundled list. */
  trendsFile?: string;
  /** Which embedder turns text into vectors. */
  embeddings: 'openai' | 'local';
  /** The local sentence-embedding model: a folder (config.json, tokenizer.json, onnx/model_quantized.onnx), or a hub id downloaded on first use. */
  localEmbeddingModel: string;
  /**
   * The cross-encoder reranker folder (config.json, tokenizer.json, onnx/model_quantized.onnx) that says whether the
   * evidence answers the question at all, whatever the embedder; by default the bundled models/trendbot-reranker;
   * undefined (RERANKER_MODEL=none): the embedder's cosine floor alone decides.
   */
  rerankerModel?: string;
  openai: {
    apiKey?: string;
    /** Any OpenAI-compatible server (Ollama, vLLM, a proxy); undefined means OpenAI itself. */
    baseUrl?: string;
    embeddingModel: string;
    /** Chat model that writes LLM answers and rewrites follow-ups. */
    chatModel: string;
  };
  /** 'llm': a chat model writes a cited synthesis over the quotes; 'extractive': the quotes alone. */
  answerMode: 'llm' | 'extractive';
  llm: {
    /** Milliseconds one chat request may take before it is retried. */
    timeoutMs: number;
    /** Milliseconds for all model work on one answer (rewrite, retries included); then the extractive answer. */
    deadlineMs: number;
    /** Retries after a 429, 5xx, timeout or dropped connection (0 = one attempt only). */
    maxRetries: number;
    /** Folder of the prompt files (system.md, answer.md, rewrite-followup.md). */
    promptsDir: string;
  };
  logLevel: string;
  slack: {
    /** xoxb- bot token; required by `npm start`. */
    botToken?: string;
    /** Verifies HTTP requests; required by `npm start` without Socket Mode. */
    signingSecret?: string;
    /** xapp- app-level token: when set, `npm start` uses Socket Mode. */
    appToken?: string;
    /** Web API base URL ending in /api/; undefined means https://slack.com/api/. */
    apiUrl?: string;
    /** HTTP port of the events endpoint. */
    port: number;
  };
  /** JSON-lines file the 👍/👎 votes are appended to. */
  feedbackFile: string;
  /** Questions per user per minute. */
  rateLimitPerMinute: number;
  /** Longest question accepted, in characters. */
  maxQuestionChars: number;
  /** redis://[user:password@]host:6379[/db]: when set, the Slack app's state (claims, rate limits, conversations, answers) is shared there by all replicas. */
  redisUrl?: string;
  /** Where passages live: 'hnswlib' in-process index in INDEX_DIR (default), 'pgvector' in Postgres at DATABASE_URL. */
  vectorStore: 'hnswlib' | 'pgvector';
  /** postgres://user:password@host:5432/db; required by VECTOR_STORE=pgvector. */
  databaseUrl?: string;
}

/** What retrieval reads (corpus, index, embedder, store); nothing of Slack, the chat model or logging. */
export type RetrievalConfig = Pick<
  Config,
  'corpusDir' | 'indexDir' | 'trendsFile' | 'embeddings' | 'localEmbeddingModel' | 'rerankerModel' | 'vectorStore' | 'databaseUrl'
> & {
  openai: Pick<Config['openai'], 'apiKey' | 'baseUrl' | 'embeddingModel'>;
};

export class ConfigError extends TrendbotError<'config_invalid'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config_invalid', message, options);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}. Fix it in the environment or .env.`);
  }
  const e = parsed.data;
  const embeddings = e.EMBEDDINGS ?? (e.OPENAI_API_KEY ? 'openai' : 'local');
  if (embeddings === 'openai' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server). Unset EMBEDDINGS to use the local embedder.');
  }
  if (e.VECTOR_STORE === 'pgvector' && !e.DATABASE_URL) {
    throw new ConfigError('VECTOR_STORE=pgvector needs DATABASE_URL (postgres://user:password@host:5432/db). Unset VECTOR_STORE to keep the in-process index.');
  }
  const answerMode = e.ANSWER_MODE ?? (e.OPENAI_API_KEY || e.OPENAI_BASE_URL ? 'llm' : 'extractive');
  if (answerMode === 'llm' && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('ANSWER_MODE=llm needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server). Unset ANSWER_MODE for quote-only answers.');
  }
  return Object.freeze({
    corpusDir: e.CORPUS_DIR,
    indexDir: e.INDEX_DIR,
    trendsFile: e.TRENDS_FILE,
    embeddings,
    localEmbeddingModel: e.LOCAL_EMBEDDING_MODEL,
    rerankerModel: e.RERANKER_MODEL,
    openai: Object.freeze({ apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, embeddingModel: e.OPENAI_EMBEDDING_MODEL, chatModel: e.OPENAI_CHAT_MODEL }),
    answerMode,
    llm: Object.freeze({ timeoutMs: e.LLM_TIMEOUT_MS, deadlineMs: e.LLM_DEADLINE_MS, maxRetries: e.LLM_MAX_RETRIES, promptsDir: e.PROMPTS_DIR }),
    logLevel: e.LOG_LEVEL,
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    }),
    feedbackFile: e.FEEDBACK_FILE,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    redisUrl: e.REDIS_URL,
    vectorStore: e.VECTOR_STORE,
    databaseUrl: e.DATABASE_URL,
  });
}

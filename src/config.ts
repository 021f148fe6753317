// The only place that reads process.env: a validated, frozen configuration with fix-it error messages.
import 'dotenv/config';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const schema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_DIR: z.string().default('.index'),
  EMBEDDINGS: z.enum(['openai', 'local']).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  /** Folder of .md/.txt documents to index. */
  corpusDir: string;
  /** Folder where the built index lives. */
  indexDir: string;
  /** Which embedder turns text into vectors. */
  embeddings: 'openai' | 'local';
  openai: {
    apiKey?: string;
    /** Any OpenAI-compatible server (Ollama, vLLM, a proxy); undefined means OpenAI itself. */
    baseUrl?: string;
    embeddingModel: string;
  };
  logLevel: string;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
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
  return Object.freeze({
    corpusDir: e.CORPUS_DIR,
    indexDir: e.INDEX_DIR,
    embeddings,
    openai: Object.freeze({ apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, embeddingModel: e.OPENAI_EMBEDDING_MODEL }),
    logLevel: e.LOG_LEVEL,
  });
}

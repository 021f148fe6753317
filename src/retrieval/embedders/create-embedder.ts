// Chooses the embedder from the configuration: OpenAI-compatible when configured, the local LSA model otherwise.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../../config.js';
import { LsaEmbedder, type LsaModelData } from './lsa-embedder.js';

/** What the index remembers about its embedder: a different key means the vectors must be rebuilt. */
export function embedderKey(config: Config): string {
  if (config.embeddings === 'local') return 'local-lsa-v1';
  return `openai:${config.openai.embeddingModel}@${config.openai.baseUrl ?? 'https://api.openai.com/v1'}`;
}

// OpenAI: up to 2048 inputs a request; smaller batches keep one failure cheap.
const OPENAI_BATCH_SIZE = 256;
const OPENAI_TIMEOUT_MS = 30_000;
const OPENAI_MAX_RETRIES = 3;

export function createOpenAIEmbeddings(config: Config): EmbeddingsInterface {
  return new OpenAIEmbeddings({
    model: config.openai.embeddingModel,
    apiKey: config.openai.apiKey ?? 'not-needed',
    configuration: { baseURL: config.openai.baseUrl },
    batchSize: OPENAI_BATCH_SIZE,
    timeout: OPENAI_TIMEOUT_MS,
    maxRetries: OPENAI_MAX_RETRIES,
  });
}

/** The embedder used to build an index: the local one is fitted on the passages themselves. */
export function embedderForBuild(config: Config, texts: string[]): EmbeddingsInterface {
  return config.embeddings === 'local' ? LsaEmbedder.fit(texts) : createOpenAIEmbeddings(config);
}

/** The embedder for an index already built: the local one is read back from the index. */
export function embedderForLoad(config: Config, lsaModel: LsaModelData | undefined): EmbeddingsInterface {
  if (config.embeddings === 'openai') return createOpenAIEmbeddings(config);
  if (!lsaModel) throw new Error('The index has no local embedding model.');
  return new LsaEmbedder(lsaModel);
}

// Chooses the embedder from the configuration: OpenAI-compatible when configured, otherwise a sentence-embedding
// model run on ONNX Runtime (transformers.js through LangChain) on a worker thread, loaded from a local folder.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { RetrievalConfig } from '../../config.js';
import { MINILM_CALIBRATION, type Calibration } from './calibration.js';
import { EmbeddingThread } from './embedding-thread.js';
import { LOCAL_DTYPE, localModel } from '../models/local-model.js';

// OpenAI: up to 2048 inputs a request; smaller batches keep one failure cheap.
export const OPENAI_BATCH_SIZE = 256;
const OPENAI_TIMEOUT_MS = 30_000;
const OPENAI_MAX_RETRIES = 3;

/** LangChain's embeddings interface, plus many queries at once. */
export interface Embedder extends EmbeddingsInterface {
  /**
   * One vector per text, in the texts' order, each the vector `embedQuery(text)` gives: for many queries at once (the
   * trend map's phrasings). OpenAI-compatible: OPENAI_BATCH_SIZE texts a request. Local model: one text at a time, as
   * its vectors depend on their batch. `[]` for no texts; rejects with the first failure, as `embedQuery` would.
   */
  embedQueries(texts: string[]): Promise<number[][]>;
  /** Its thresholds on its own cosine scale. */
  readonly calibration: Calibration;
}

/** OpenAI embeds a query as it embeds a passage (no prefix, same newline stripping), so queries batch as passages do. */
class OpenAIQueryEmbeddings extends OpenAIEmbeddings implements Embedder {
  // OpenAI's similarities could not be measured here: all-MiniLM-L6-v2's thresholds, uncalibrated.
  readonly calibration = MINILM_CALIBRATION;

  embedQueries(texts: string[]): Promise<number[][]> {
    return this.embedDocuments(texts);
  }
}

/** The name of the model that embeds questions, for `ask --json` and logs. */
export function embedderName(config: RetrievalConfig): string {
  return config.embeddings === 'local' ? localModel(config.localEmbeddingModel).name : config.openai.embeddingModel;
}

/** The configured embedder's thresholds (its model folder's calibration.json; all-MiniLM-L6-v2's for OpenAI's). */
export function calibrationOf(config: RetrievalConfig): Calibration {
  return config.embeddings === 'local' ? localModel(config.localEmbeddingModel).calibration : MINILM_CALIBRATION;
}

/** What an index remembers about its embedder: a different key means the vectors must be rebuilt. */
export function embedderKey(config: RetrievalConfig): string {
  if (config.embeddings === 'openai') return `openai:${config.openai.embeddingModel}@${config.openai.baseUrl ?? 'https://api.openai.com/v1'}`;
  const model = localModel(config.localEmbeddingModel);
  // Pooling and prefixes change every vector: named when they are not the defaults (mean pooling, no prefix).
  const use =
    (model.pooling === 'cls' ? ':cls' : '') +
    (model.queryPrefix || model.passagePrefix ? `:prompts=${JSON.stringify([model.queryPrefix, model.passagePrefix])}` : '');
  if (!model.root) return `hub:${model.id}:${LOCAL_DTYPE}${use}`;
  // The weights' size tells two exports apart without hashing 20 MB at every start.
  const weights = path.join(model.root, model.id, 'onnx', 'model_quantized.onnx');
  return `local:${model.name}:${LOCAL_DTYPE}:${existsSync(weights) ? statSync(weights).size : 'missing'}${use}`;
}

/**
 * The embedder for building and querying an index. A local model runs on its own thread, loaded on the first text;
 * with threads > 1 (a bulk build), passages are embedded on that many threads at once.
 */
export function createEmbedder(config: RetrievalConfig, threads = 1): Embedder {
  if (config.embeddings === 'openai') {
    return new OpenAIQueryEmbeddings({
      model: config.openai.embeddingModel,
      apiKey: config.openai.apiKey ?? 'not-needed',
      configuration: { baseURL: config.openai.baseUrl },
      batchSize: OPENAI_BATCH_SIZE,
      timeout: OPENAI_TIMEOUT_MS,
      maxRetries: OPENAI_MAX_RETRIES,
    });
  }
  return new EmbeddingThread(localModel(config.localEmbeddingModel), threads);
}

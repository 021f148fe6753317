// Chooses the embedder from the configuration: OpenAI-compatible when configured, otherwise a sentence-embedding
// model run on ONNX Runtime (transformers.js through LangChain) on a worker thread, loaded from a local folder.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { env as transformersEnv } from '@huggingface/transformers';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../../config.js';
import { EmbeddingThread } from './embedding-thread.js';

// OpenAI: up to 2048 inputs a request; smaller batches keep one failure cheap.
const OPENAI_BATCH_SIZE = 256;
const OPENAI_TIMEOUT_MS = 30_000;
const OPENAI_MAX_RETRIES = 3;
// Local: one text per ONNX Runtime call. The int8 model quantizes activations per call, so a text's vector would
// otherwise depend on the padding of the others in its batch; batches were only ~25 % faster here.
const LOCAL_BATCH_SIZE = 1;
// The int8 weights (onnx/model_quantized.onnx) that models/ ships.
const LOCAL_DTYPE = 'q8';

/** The local model: a folder laid out as on the Hugging Face hub (config, tokenizer, onnx/), or a hub id to download. */
export interface LocalModel {
  /** What the model is called in answers and logs, e.g. "all-MiniLM-L6-v2". */
  name: string;
  /** Absolute folder that holds the model folder; undefined for a hub id. */
  root?: string;
  /** The model folder's name under root, or the hub id. */
  id: string;
}

/** Reads LOCAL_EMBEDDING_MODEL: an existing folder, else a hub id ("owner/name"); throws for a folder that is not there. */
export function localModel(setting: string): LocalModel {
  const folder = path.resolve(setting);
  if (existsSync(folder)) return { name: path.basename(folder), root: path.dirname(folder), id: path.basename(folder) };
  if (!HUB_ID.test(setting)) throw new ModelError(`LOCAL_EMBEDDING_MODEL: no model folder at ${folder}. Point it at a folder like models/all-MiniLM-L6-v2, or unset it.`);
  return { name: setting, id: setting };
}

// "Xenova/all-MiniLM-L6-v2": one slash, no path-like start.
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export class ModelError extends Error {
  readonly code = 'model_missing';
}

/** The name of the model that embeds questions, for `ask --json` and logs. */
export function embedderName(config: Config): string {
  return config.embeddings === 'local' ? localModel(config.localEmbeddingModel).name : config.openai.embeddingModel;
}

/** What an index remembers about its embedder: a different key means the vectors must be rebuilt. */
export function embedderKey(config: Config): string {
  if (config.embeddings === 'openai') return `openai:${config.openai.embeddingModel}@${config.openai.baseUrl ?? 'https://api.openai.com/v1'}`;
  const model = localModel(config.localEmbeddingModel);
  if (!model.root) return `hub:${model.id}:${LOCAL_DTYPE}`;
  // The weights' size tells two exports apart without hashing 20 MB at every start.
  const weights = path.join(model.root, model.id, 'onnx', 'model_quantized.onnx');
  return `local:${model.name}:${LOCAL_DTYPE}:${existsSync(weights) ? statSync(weights).size : 'missing'}`;
}

/** The embedder for building and querying an index. A local model runs on its own thread, loaded on the first text. */
export function createEmbedder(config: Config): EmbeddingsInterface {
  if (config.embeddings === 'openai') {
    return new OpenAIEmbeddings({
      model: config.openai.embeddingModel,
      apiKey: config.openai.apiKey ?? 'not-needed',
      configuration: { baseURL: config.openai.baseUrl },
      batchSize: OPENAI_BATCH_SIZE,
      timeout: OPENAI_TIMEOUT_MS,
      maxRetries: OPENAI_MAX_RETRIES,
    });
  }
  return new EmbeddingThread(localModel(config.localEmbeddingModel));
}

/** The local model, run on the calling thread (EmbeddingThread runs this on its worker). Loads lazily. */
export function localEmbeddings(model: LocalModel): HuggingFaceTransformersEmbeddings {
  // transformers.js reads models relative to one global folder, and downloads only a hub id.
  if (model.root) transformersEnv.localModelPath = model.root;
  transformersEnv.allowRemoteModels = !model.root;
  const embeddings = new HuggingFaceTransformersEmbeddings({
    model: model.id,
    // transformers.js options: local_files_only keeps a folder model offline whatever the library's defaults.
    // One ONNX Runtime thread: on a small machine the other core stays free for the event loop (Slack's acks).
    pretrainedOptions: { dtype: LOCAL_DTYPE, session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 }, ...(model.root ? { local_files_only: true } : {}) },
    // LangChain would retry a model that failed to load six times; a missing file does not appear by retrying.
    maxRetries: 0,
  });
  // @langchain/community 1.1 ignores a batchSize passed to the constructor.
  embeddings.batchSize = LOCAL_BATCH_SIZE;
  return embeddings;
}

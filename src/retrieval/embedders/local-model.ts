// Which local sentence-embedding model to run, from LOCAL_EMBEDDING_MODEL. No model code here: the main thread reads
// this, and only the embedding thread loads transformers.js (local-embeddings.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';

// The int8 weights (onnx/model_quantized.onnx) that models/ ships.
export const LOCAL_DTYPE = 'q8';

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


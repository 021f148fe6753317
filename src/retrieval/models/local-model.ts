// Which local model to run (LOCAL_EMBEDDING_MODEL, RERANKER_MODEL). No model code here: the main thread reads this,
// and only the model threads load transformers.js (local-embeddings.ts, local-reranker.ts).
import { TrendbotError } from '../../errors.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CALIBRATION_FILE, calibrationSchema, MINILM_CALIBRATION, type Calibration } from '../embedders/calibration.js';

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
  /** How token vectors become one sentence vector: the [CLS] token's, or the mean of all. */
  pooling: 'cls' | 'mean';
  /** Put before every question and every passage, as the model was trained (e.g. bge's retrieval instruction). */
  queryPrefix: string;
  passagePrefix: string;
  /** Its thresholds on its own cosine scale: the folder's calibration.json, else all-MiniLM-L6-v2's. */
  calibration: Calibration;
}

/**
 * Reads a model setting (`setting` is its value, `name` the variable, for errors): an existing folder, else a hub id
 * ("owner/name"); throws ModelError for a folder that is not there or a settings file that is not JSON. Pooling and
 * prefixes come from the folder's sentence-transformers files, as the model's authors ship them:
 * `1_Pooling/config.json` (`pooling_mode_cls_token`) and `config_sentence_transformers.json` (`prompts.query`,
 * `prompts.passage`); without them, mean pooling and no prefix. A hub id gets those defaults. Thresholds come from
 * the folder's calibration.json (ModelError when it is not a valid one).
 */
export function localModel(setting: string, name = 'LOCAL_EMBEDDING_MODEL'): LocalModel {
  const folder = path.resolve(setting);
  if (existsSync(folder)) {
    const pooling = readJson(path.join(folder, '1_Pooling', 'config.json'), name)?.pooling_mode_cls_token === true ? 'cls' : 'mean';
    const prompts = (readJson(path.join(folder, 'config_sentence_transformers.json'), name)?.prompts ?? {}) as Record<string, unknown>;
    const prefix = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      name: path.basename(folder),
      root: path.dirname(folder),
      id: path.basename(folder),
      pooling,
      queryPrefix: prefix(prompts.query),
      passagePrefix: prefix(prompts.passage),
      calibration: readCalibration(path.join(folder, CALIBRATION_FILE), name),
    };
  }
  if (!HUB_ID.test(setting)) throw new ModelError(`${name}: no model folder at ${folder}. Point it at a model folder under models/, or unset it.`);
  return { name: setting, id: setting, pooling: 'mean', queryPrefix: '', passagePrefix: '', calibration: MINILM_CALIBRATION };
}

function readCalibration(file: string, name: string): Calibration {
  const data = readJson(file, name);
  if (!data) return MINILM_CALIBRATION;
  const parsed = calibrationSchema.safeParse(data);
  if (parsed.success) return Object.freeze(parsed.data);
  const issue = parsed.error.issues[0]!;
  throw new ModelError(`${name}: ${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}.`);
}

function readJson(file: string, name: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new ModelError(`${name}: ${file} is not valid JSON.`);
  }
}

// "Xenova/all-MiniLM-L6-v2": one slash, no path-like start.
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export class ModelError extends TrendbotError<'model_missing'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('model_missing', message, options);
  }
}

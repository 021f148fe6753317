// The local embedding model on its own worker thread, with the recent questions' vectors kept.
import { Embeddings } from '@langchain/core/embeddings';
import { LRUCache } from 'lru-cache';
import type { LocalModel } from '../models/local-model.js';
import type { Calibration } from './calibration.js';
import { ModelThread } from '../models/model-thread.js';

// Query vectors kept (384 numbers each for all-MiniLM-L6-v2: about 2 MB at most).
const QUERY_CACHE_SIZE = 1000;

/**
 * LangChain `Embeddings` whose model runs on worker threads (ModelThread): questions on the first, passages split
 * over all of them (each thread starts on its first text). Vectors are the model's (384 numbers for the MiniLM models,
 * unit length), the same whichever thread made them: each embeds one text per ONNX Runtime call.
 */
export class EmbeddingThread extends Embeddings {
  readonly calibration: Calibration;
  private readonly threads: ModelThread[];
  // A question is often embedded twice (matched against the trend map, then retrieved), and people repeat questions.
  private readonly queries = new LRUCache<string, Promise<number[]>>({ max: QUERY_CACHE_SIZE });

  constructor(model: LocalModel, threads = 1) {
    super({ maxRetries: 0 });
    this.calibration = model.calibration;
    this.threads = Array.from({ length: Math.max(1, threads) }, () => new ModelThread({ role: 'embedder', model }));
  }

  /** The text's vector; callers must not change the array (it is shared by later calls with the same text). */
  async embedQuery(text: string): Promise<number[]> {
    let vector = this.queries.get(text);
    if (!vector) {
      vector = this.threads[0]!.send<number[][]>({ kind: 'query', texts: [text] }).then(([first]) => first!);
      this.queries.set(text, vector);
      vector.catch(() => this.queries.delete(text));
    }
    return vector;
  }

  /** One text at a time, each as `embedQuery` embeds it (a batch would change the int8 model's vectors). */
  async embedQueries(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const text of texts) vectors.push(await this.embedQuery(text));
    return vectors;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const share = Math.ceil(texts.length / this.threads.length);
    const parts = this.threads
      .map((thread, i) => ({ thread, texts: texts.slice(i * share, (i + 1) * share) }))
      .filter((part) => part.texts.length > 0)
      .map(({ thread, texts: mine }) => thread.send<number[][]>({ kind: 'documents', texts: mine }));
    return (await Promise.all(parts)).flat();
  }
}

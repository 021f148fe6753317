// The local embedding model on a worker thread. ONNX Runtime's Node binding runs inference synchronously on the
// calling thread (10–40 ms a text here), so on the main thread every question would hold up Slack's acks.
import { Worker } from 'node:worker_threads';
import { Embeddings } from '@langchain/core/embeddings';
import { LRUCache } from 'lru-cache';
import type { LocalModel } from './local-model.js';

// Query vectors kept (384 numbers each for all-MiniLM-L6-v2: about 2 MB at most).
const QUERY_CACHE_SIZE = 1000;

export interface EmbedRequest {
  id: number;
  kind: 'query' | 'documents';
  texts: string[];
}

export type EmbedReply = { id: number; vectors: number[][] } | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

/**
 * LangChain `Embeddings` whose model runs on one worker thread, started on the first text and restarted after a
 * crash. Vectors are the model's (384 numbers for all-MiniLM-L6-v2, unit length). The thread does not keep the
 * process alive while idle.
 */
export class EmbeddingThread extends Embeddings {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  // A question is often embedded twice (matched against the trend map, then retrieved), and people repeat questions.
  private readonly queries = new LRUCache<string, Promise<number[]>>({ max: QUERY_CACHE_SIZE });

  constructor(private readonly model: LocalModel) {
    super({ maxRetries: 0 });
  }

  /** The text's vector; callers must not change the array (it is shared by later calls with the same text). */
  async embedQuery(text: string): Promise<number[]> {
    let vector = this.queries.get(text);
    if (!vector) {
      vector = this.send('query', [text]).then(([first]) => first!);
      this.queries.set(text, vector);
      vector.catch(() => this.queries.delete(text));
    }
    return vector;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.length === 0 ? [] : this.send('documents', texts);
  }

  private send(kind: EmbedRequest['kind'], texts: string[]): Promise<number[][]> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, texts } satisfies EmbedRequest);
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./embedding-worker.mjs', import.meta.url), { workerData: this.model });
    worker.on('message', (reply: EmbedReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('vectors' in reply) pending?.resolve(reply.vectors);
      else pending?.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    const fail = (error: Error) => {
      this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`The embedding thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`The embedding thread stopped (exit code ${code}).`)));
    worker.unref();
    return worker;
  }
}

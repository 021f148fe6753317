// A local model on a worker thread. ONNX Runtime's Node binding runs inference synchronously on the calling thread
// (10–40 ms a text here), so on the main thread every question would hold up Slack's acks.
import { Worker } from 'node:worker_threads';
import type { LocalModel } from './local-model.js';

/** What a model thread runs: the sentence embedder or the cross-encoder reranker. */
export interface ModelJob {
  role: 'embedder' | 'reranker';
  model: LocalModel;
}

/** What the worker is asked: embed a question or passages, or score passages against a question. */
export type ModelTask = { kind: 'query' | 'documents'; texts: string[] } | { kind: 'rerank'; query: string; texts: string[] };

export type ModelRequest = ModelTask & { id: number };

export type ModelReply = { id: number; result: number[][] | number[] } | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread running one local model, started on the first request and restarted after a crash; it does not
 * keep the process alive while idle.
 */
export class ModelThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly job: ModelJob) {}

  /** Sends one request; resolves with the worker's result (vectors for embeddings, scores for rerank). */
  send<T extends number[][] | number[]>(task: ModelTask): Promise<T> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ ...task, id } satisfies ModelRequest);
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./model-worker.mjs', import.meta.url), { workerData: this.job });
    worker.on('message', (reply: ModelReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('result' in reply) pending?.resolve(reply.result as never);
      else pending?.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    const fail = (error: Error) => {
      this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`The ${this.job.role} thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`The ${this.job.role} thread stopped (exit code ${code}).`)));
    worker.unref();
    return worker;
  }
}

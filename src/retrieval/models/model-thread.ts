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

// Every thread of this process and every request in flight, for stopModelThreads.
const threads = new Set<ModelThread>();
const inFlight = new Set<Promise<unknown>>();
let stopping = false;

/**
 * Stops every model thread before the process exits: new requests are refused, those in flight are waited for (at
 * most `timeoutMs`), then the workers are terminated. ONNX Runtime aborts the whole process (SIGABRT) when it exits
 * while a model is loading or running.
 */
export async function stopModelThreads(timeoutMs = 10_000): Promise<void> {
  stopping = true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref()));
  await Promise.race([Promise.allSettled([...inFlight]), timeout]);
  clearTimeout(timer);
  await Promise.all([...threads].map((thread) => thread.terminate()));
}

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

  constructor(private readonly job: ModelJob) {
    threads.add(this);
  }

  /** Sends one request; resolves with the worker's result (vectors for embeddings, scores for rerank). */
  send<T extends number[][] | number[]>(task: ModelTask): Promise<T> {
    if (stopping) return Promise.reject(new Error(`The ${this.job.role} thread is stopping with the process.`));
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ ...task, id } satisfies ModelRequest);
    });
    inFlight.add(reply);
    const done = () => void inFlight.delete(reply);
    reply.then(done, done);
    return reply;
  }

  async terminate(): Promise<void> {
    await this.worker?.terminate();
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

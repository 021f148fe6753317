// The worker thread behind ModelThread: loads its model once and runs what the main thread sends.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { localEmbeddings } from '../embedders/local-embeddings.js';
import { localReranker } from '../reranker/local-reranker.js';
import type { ModelJob, ModelReply, ModelRequest } from './model-thread.js';

const job = workerData as ModelJob;
yieldToEventLoop();
const embeddings = job.role === 'embedder' ? localEmbeddings(job.model) : undefined;
const reranker = job.role === 'reranker' ? localReranker(job.model) : undefined;
const port = parentPort!;

function run(request: ModelRequest): Promise<number[][] | number[]> {
  if (request.kind === 'rerank') return reranker!.score(request.query, request.texts);
  if (request.kind === 'query') return embeddings!.embedQuery(request.texts[0]!).then((vector) => [vector]);
  return embeddings!.embedDocuments(request.texts);
}

port.on('message', (request: ModelRequest) => {
  void run(request).then(
    (result) => port.postMessage({ id: request.id, result } satisfies ModelReply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      port.postMessage({ id: request.id, error: { name, message } } satisfies ModelReply);
    },
  );
});

/**
 * Inference at a lower priority (nice 10) than the main thread, whose event loop acks Slack within 3 s: on a machine
 * with fewer free cores than busy threads, the scheduler then runs acks first. Linux schedules each thread on its
 * own, and ONNX Runtime's threads, started from this one, inherit its priority. Elsewhere a no-op.
 */
function yieldToEventLoop(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(threadId, 10);
  } catch {
    // No /proc (macOS, Windows): the whole process shares one priority, which must not be lowered.
  }
}

// The worker thread behind ModelThread: loads its model once and runs what the main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { localEmbeddings } from '../embedders/local-embeddings.js';
import { localReranker } from '../reranker/local-reranker.js';
import type { ModelJob, ModelReply, ModelRequest } from './model-thread.js';

const job = workerData as ModelJob;
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

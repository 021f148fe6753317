// The worker thread behind EmbeddingThread: loads the local model once and embeds what the main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import { localEmbeddings } from './local-embeddings.js';
import type { LocalModel } from './local-model.js';
import type { EmbedReply, EmbedRequest } from './embedding-thread.js';

const embeddings = localEmbeddings(workerData as LocalModel);
const port = parentPort!;

port.on('message', (request: EmbedRequest) => {
  const work = request.kind === 'query' ? embeddings.embedQuery(request.texts[0]!).then((vector) => [vector]) : embeddings.embedDocuments(request.texts);
  void work.then(
    (vectors) => port.postMessage({ id: request.id, vectors } satisfies EmbedReply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      port.postMessage({ id: request.id, error: { name, message } } satisfies EmbedReply);
    },
  );
});

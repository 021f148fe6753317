// A process that exits while its model thread is embedding, as `npm start` does on SIGTERM: it stops the model
// threads first. Prints how many vectors the request in flight got, then whether a request after the stop was refused.
import { loadConfig } from '../../../src/config.js';
import { createEmbedder } from '../../../src/retrieval/embedders/create-embedder.js';
import { stopModelThreads } from '../../../src/retrieval/models/model-thread.js';

const embedder = createEmbedder(loadConfig({ LOCAL_EMBEDDING_MODEL: 'models/all-MiniLM-L6-v2' }), 1);
await embedder.embedQuery('the model is loaded');
const inFlight = embedder.embedDocuments(Array.from({ length: 100 }, (_, i) => `passage ${i} about live video`));
setTimeout(async () => {
  await stopModelThreads();
  process.stdout.write(`in flight: ${(await inFlight).length} vectors\n`);
  const refused = await embedder.embedQuery('after the stop').then(
    () => 'answered',
    (error: Error) => error.message,
  );
  process.stdout.write(`after the stop: ${refused}\n`);
  process.exit(0);
}, 200);

// Entry of the embedding worker thread: worker threads do not inherit tsx's loader, so it is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./embedding-worker.ts');

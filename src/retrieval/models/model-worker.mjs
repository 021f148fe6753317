// Entry of a model worker thread: worker threads do not inherit tsx's loader, so it is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./model-worker.ts');

// The one fault of shared state: a store the replicas share (Redis, Postgres) cannot be reached at startup.
import { TrendbotError } from './errors.js';

export class StateStartupError extends TrendbotError<'redis_unreachable' | 'database_unreachable'> {}

// The one fault of shared state: a store the replicas share (Redis, Postgres) cannot be reached at startup.

export class StateStartupError extends Error {
  constructor(
    readonly code: 'redis_unreachable' | 'database_unreachable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

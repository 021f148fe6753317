// The faults of the Postgres passage store, each with a code and a message that says how to fix it.
import { TrendbotError } from '../../errors.js';
import { redactUrl } from '../../redact-url.js';

export type PgStoreErrorCode =
  'database_unreachable' | 'pgvector_missing' | 'pgvector_not_permitted' | 'not_ingested' | 'embedder_mismatch' | 'dimension_mismatch';

export class PgStoreError extends TrendbotError<PgStoreErrorCode> {}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

/** Turns a failure to connect (refused, unknown host, bad password, no such database) into a fix-it error. */
export function connectionError(error: unknown, databaseUrl: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === undefined || !UNREACHABLE.has(code)) return error;
  const reason = (error as Error).message || code;
  return new PgStoreError(
    'database_unreachable',
    `Cannot connect to Postgres at ${redactUrl(databaseUrl)} (${reason}): check DATABASE_URL and that the server is running.`,
    { cause: error },
  );
}

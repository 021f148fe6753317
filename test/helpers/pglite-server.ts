// A real Postgres for tests: PGlite (WASM Postgres, with pgvector unless asked not to) served over the wire protocol on
// a free loopback port, so the code under test talks to it with the ordinary pg client, as to any server.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteServer {
  /** postgres://… for DATABASE_URL. */
  url: string;
  /** The database itself, for inspecting state without going through the app. */
  db: PGlite;
  stop: () => Promise<void>;
}

export async function startPglite(options: { pgvector?: boolean } = {}): Promise<PgliteServer> {
  const db = await PGlite.create(options.pgvector === false ? {} : { extensions: { vector } });
  // PGlite runs one query at a time; the server queues the connections' queries (a pool opens several).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    db,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

// The Postgres schema of the passage store: the pgvector extension, passages with their stems and vectors, BM25
// statistics, and a key-value meta table (embedder, local model, acronyms). Created by `npm run ingest`.
import type pg from 'pg';
import { PgStoreError } from './errors.js';

export const PASSAGES = 'trendbot_passages';
export const FILES = 'trendbot_files';
export const TERM_DF = 'trendbot_term_df';
export const META = 'trendbot_meta';
const HNSW_INDEX = 'trendbot_passages_embedding';

// The same graph as the in-process hnswlib index (LangChain's defaults there).
const HNSW_M = 16;
const HNSW_EF_CONSTRUCTION = 200;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Creates what is missing; on an existing schema it changes nothing. */
export async function createSchema(client: Queryable): Promise<void> {
  await createExtension(client);
  await client.query(`CREATE TABLE IF NOT EXISTS ${META} (key text PRIMARY KEY, value jsonb NOT NULL)`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${FILES} (
    file text PRIMARY KEY,
    content_hash text NOT NULL,
    title text NOT NULL,
    publisher text,
    year int,
    speakers jsonb NOT NULL,
    acronyms jsonb NOT NULL)`);
  // terms: the passage's stems as `tokenize` makes them, each with positions 1…tf (tf is all BM25 needs).
  await client.query(`CREATE TABLE IF NOT EXISTS ${PASSAGES} (
    id text PRIMARY KEY,
    file text NOT NULL,
    start_offset int NOT NULL,
    end_offset int NOT NULL,
    content_hash text NOT NULL,
    text text NOT NULL,
    section text NOT NULL,
    speaker text NOT NULL,
    title text NOT NULL,
    publisher text,
    year int,
    terms tsvector NOT NULL,
    term_count int NOT NULL)`);
  // Added with the loaders for PDF and other converted formats, and document languages; older tables get them here.
  await client.query(
    `ALTER TABLE ${PASSAGES} ADD COLUMN IF NOT EXISTS location text, ADD COLUMN IF NOT EXISTS text_file text, ADD COLUMN IF NOT EXISTS language text`,
  );
  await client.query(`CREATE INDEX IF NOT EXISTS trendbot_passages_terms ON ${PASSAGES} USING gin (terms)`);
  await client.query(`CREATE INDEX IF NOT EXISTS trendbot_passages_file ON ${PASSAGES} (file)`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${TERM_DF} (term text PRIMARY KEY, df int NOT NULL)`);
}

async function createExtension(client: Queryable): Promise<void> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42501') {
      throw new PgStoreError(
        'pgvector_not_permitted',
        `This database role may not create the pgvector extension (${(error as Error).message}): have an administrator run CREATE EXTENSION vector; in the database once.`,
        { cause: error },
      );
    }
    // 0A000 / 58P01: the extension's files are not installed on the server.
    throw new PgStoreError(
      'pgvector_missing',
      `The Postgres server has no pgvector extension (${(error as Error).message}): install pgvector (https://github.com/pgvector/pgvector#installation) or use a managed Postgres that offers it.`,
      { cause: error },
    );
  }
}

/** Dimensions of the embedding column; undefined when there is no column yet (nothing embedded). */
export async function embeddingDimensions(client: Queryable): Promise<number | undefined> {
  const { rows } = await client.query<{ dims: number }>(
    `SELECT atttypmod AS dims FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'embedding' AND NOT attisdropped`,
    [PASSAGES],
  );
  return rows[0]?.dims;
}

/** Adds the embedding column with its HNSW index (cosine), replacing one of other dimensions. */
export async function createEmbeddingColumn(client: Queryable, dimensions: number): Promise<void> {
  await client.query(`ALTER TABLE ${PASSAGES} DROP COLUMN IF EXISTS embedding`);
  await client.query(`ALTER TABLE ${PASSAGES} ADD COLUMN embedding vector(${dimensions})`);
}

export async function dropVectorIndex(client: Queryable): Promise<void> {
  await client.query(`DROP INDEX IF EXISTS ${HNSW_INDEX}`);
}

/** Builds the HNSW index unless it exists. Faster after a bulk load than row by row (pgvector's advice). */
export async function createVectorIndex(client: Queryable): Promise<void> {
  await client.query(
    `CREATE INDEX IF NOT EXISTS ${HNSW_INDEX} ON ${PASSAGES} USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION})`,
  );
}

/** Whether the schema is there at all (a reader must not create it). */
export async function schemaExists(client: Queryable): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ok`, [META, PASSAGES]);
  return rows[0]?.ok === true;
}

// The meta rows of the Postgres passage store: what embedded the vectors, BM25 totals, acronyms, and a generation
// number each writing ingest bumps, so readers know when to reload what they cache.
import type pg from 'pg';
import type { AcronymMap } from '../acronyms.js';
import { META } from './schema.js';

export interface EmbedderMeta {
  /** embedderKey(config) of the embedder that made the stored vectors. */
  key: string;
  dimensions: number;
}

export interface CorpusStats {
  /** Passages stored. */
  count: number;
  /** Sum of the passages' lengths in terms (BM25's average length is totalLength / count). */
  totalLength: number;
}

export interface MetaValues {
  embedder: EmbedderMeta;
  stats: CorpusStats;
  acronyms: AcronymMap;
  generation: number;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function readMeta<K extends keyof MetaValues>(client: Queryable, keys: K[]): Promise<Partial<Pick<MetaValues, K>>> {
  const { rows } = await client.query<{ key: K; value: MetaValues[K] }>(`SELECT key, value FROM ${META} WHERE key = ANY($1)`, [keys]);
  return Object.fromEntries(rows.map(({ key, value }) => [key, value])) as Partial<Pick<MetaValues, K>>;
}

/** Writes a meta row; returns how many rows were written (0 when the value is unchanged). */
export async function writeMeta<K extends keyof MetaValues>(client: Queryable, key: K, value: MetaValues[K]): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO ${META} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE ${META}.value IS DISTINCT FROM excluded.value`,
    [key, JSON.stringify(value)],
  );
  return rowCount ?? 0;
}

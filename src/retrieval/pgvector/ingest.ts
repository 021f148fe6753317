// `npm run ingest` into Postgres: incremental and idempotent. Files are compared by content hash, passages by id
// (file#start) and content hash; only what changed is written, in one transaction, so readers see the old corpus or
// the new one. Every passage is embedded again when the embedder changes.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { RetrievalConfig } from '../../config.js';
import { extractedTextDir, hashCorpus, parseCorpus, readCorpusFiles, type CorpusFile, type IndexedFile, type SkippedFile } from '../../corpus/load-corpus.js';
import type { Passage } from '../../corpus/types.js';
import { findAcronyms, type AcronymMap } from '../acronyms.js';
import { createEmbedder, embedderKey } from '../embedders/create-embedder.js';
import type { ProgressListener } from '../hnswlib/index-files.js';
import { redactUrl } from '../../redact-url.js';
import { connectionError } from './errors.js';
import { readMeta, writeMeta, type CorpusStats, type EmbedderMeta } from './meta.js';
import { dimensionMismatch } from './pg-passage-store.js';
import { createPool } from './pool.js';
import { createEmbeddingColumn, createSchema, createVectorIndex, dropVectorIndex, embeddingDimensions, FILES, PASSAGES, TERM_DF } from './schema.js';
import { passageTerms, vectorLiteral } from './terms.js';
import { ANALYZER_KEY } from '../tokenize.js';

export type ReembedReason = 'first_ingest' | 'embedder_changed' | 'requested';

export interface PgIngestOptions {
  /** Re-embed every passage even when the embedder is unchanged. */
  reembed?: boolean;
  onProgress?: ProgressListener;
  /** Told which corpus files were left out and why (an empty list when none). */
  onSkipped?: (skipped: SkippedFile[]) => void;
}

export interface PgIngestReport {
  database: string;
  files: { total: number; changed: number; removed: number };
  /** Every file now in the database: its passages and speakers. */
  indexed: IndexedFile[];
  /** Corpus files left out, and why: their passages are not in the database (removed if they were). */
  skipped: SkippedFile[];
  passages: { total: number; inserted: number; deleted: number; reembedded: number };
  /** Rows inserted, updated or deleted in every table: 0 when the corpus was already ingested. */
  rowsWritten: number;
  embedder: { key: string; dimensions: number; reembedReason?: ReembedReason };
  ms: number;
}

// Rows per INSERT/UPDATE statement and texts per embedding call.
const CHUNK = 500;
// pg_advisory_xact_lock key: two ingests at once would both insert the same passages; the second waits.
const INGEST_LOCK = 0x7472656e64;
// Building the HNSW graph in memory is much faster than spilling (pgvector's advice for index builds).
const INDEX_BUILD_MEMORY = '512MB';

export async function ingestToPostgres(config: RetrievalConfig, options: PgIngestOptions = {}): Promise<PgIngestReport> {
  const started = performance.now();
  const { files, skipped } = await readCorpusFiles(config.corpusDir, extractedTextDir(config.indexDir));
  options.onSkipped?.(skipped);
  const databaseUrl = config.databaseUrl!;
  const pool = createPool(databaseUrl);
  try {
    const client = await pool.connect().catch((error: unknown) => Promise.reject(connectionError(error, databaseUrl)));
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
      await createSchema(client);
      const report = await ingest(client, config, files, options.onProgress ?? (() => {}), options.reembed === true);
      await client.query('COMMIT');
      return { ...report, skipped, database: redactUrl(databaseUrl), ms: Math.round(performance.now() - started) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

interface StoredRow {
  id: string;
  content_hash: string;
}

async function ingest(client: pg.PoolClient, config: RetrievalConfig, files: CorpusFile[], onProgress: ProgressListener, reembed: boolean) {
  let written = 0;
  const write = async (sql: string, params: unknown[] = []) => {
    written += (await client.query(sql, params)).rowCount ?? 0;
  };
  const meta = await readMeta(client, ['embedder', 'stats', 'acronyms', 'generation']);
  const storedFiles = new Map(
    (await client.query<{ file: string; content_hash: string }>(`SELECT file, content_hash FROM ${FILES}`)).rows.map((row) => [row.file, row.content_hash]),
  );
  // The analyzer is part of a file's hash: rows whose stored terms another tokenizer made are written again.
  const fileHashes = new Map(files.map((file) => [file.file, `${ANALYZER_KEY}:${hashCorpus([file])}`]));
  const changed = files.filter((file) => storedFiles.get(file.file) !== fileHashes.get(file.file));
  const removed = [...storedFiles.keys()].filter((file) => !fileHashes.has(file));

  // Passages of changed files: keep those stored with the same id and content, replace the rest.
  const changedCorpus = parseCorpus(changed);
  const hashes = new Map(changedCorpus.passages.map((passage) => [passage.id, passageHash(passage)]));
  const stored = (await client.query<StoredRow>(`SELECT id, content_hash FROM ${PASSAGES} WHERE file = ANY($1)`, [changed.map((file) => file.file)])).rows;
  const kept = new Set(stored.filter((row) => hashes.get(row.id) === row.content_hash).map((row) => row.id));
  const toDelete = stored.filter((row) => !kept.has(row.id)).map((row) => row.id);
  const toInsert = changedCorpus.passages.filter((passage) => !kept.has(passage.id));

  const key = embedderKey(config);
  const previous = meta.embedder;
  const reason: ReembedReason | undefined = !previous ? 'first_ingest' : previous.key !== key ? 'embedder_changed' : reembed ? 'requested' : undefined;

  // Deletions first: document frequencies and totals follow every removed passage.
  const dfDelta = new Map<string, number>();
  const stats: CorpusStats = { ...(meta.stats ?? { count: 0, totalLength: 0 }) };
  let deleted = 0;
  let inserted = 0;
  for (const [column, values] of [
    ['id', toDelete],
    ['file', removed],
  ] as const) {
    if (values.length === 0) continue;
    const { rows, rowCount } = await client.query<{ terms: string[]; term_count: number }>(
      `DELETE FROM ${PASSAGES} WHERE ${column} = ANY($1) RETURNING tsvector_to_array(terms) AS terms, term_count`,
      [values],
    );
    written += rowCount ?? 0;
    deleted += rowCount ?? 0;
    for (const row of rows) {
      for (const term of row.terms) dfDelta.set(term, (dfDelta.get(term) ?? 0) - 1);
      stats.count -= 1;
      stats.totalLength -= row.term_count;
    }
  }

  const embedder = createEmbedder(config);
  let embedderMeta: EmbedderMeta;
  let reembedded = 0;
  const columnDimensions = await embeddingDimensions(client);
  if (reason) {
    const all = parseCorpus(files).passages;
    const dimensions = (await embedder.embedDocuments([all[0]?.text ?? 'probe']))[0]!.length;
    embedderMeta = { key, dimensions };
    if (columnDimensions !== dimensions) await createEmbeddingColumn(client, dimensions);
    await dropVectorIndex(client);
    reembedded = await reembedStored(client, embedder, onProgress, all.length);
    written += reembedded;
  } else {
    embedderMeta = previous!;
    if (columnDimensions !== undefined && columnDimensions !== previous!.dimensions) throw dimensionMismatch(columnDimensions, previous!.dimensions, key);
  }

  for (let i = 0; i < toInsert.length; i += CHUNK) {
    onProgress('embedding', reembedded + i, reembedded + toInsert.length);
    const chunk = toInsert.slice(i, i + CHUNK);
    const vectors = await embedder.embedDocuments(chunk.map((passage) => passage.text));
    const mismatch = vectors.find((vector) => vector.length !== embedderMeta.dimensions);
    if (mismatch) throw dimensionMismatch(embedderMeta.dimensions, mismatch.length, key);
    const count = await insertPassages(client, chunk, vectors, dfDelta, stats);
    written += count;
    inserted += count;
  }
  onProgress('embedding', reembedded + toInsert.length, reembedded + toInsert.length);

  onProgress('indexing', 0, 1);
  if (reason) await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  await createVectorIndex(client);
  await applyDfDelta(client, dfDelta, write);
  onProgress('indexing', 1, 1);

  // Files last: a crash before COMMIT leaves them (and everything else) as they were.
  if (removed.length > 0) await write(`DELETE FROM ${FILES} WHERE file = ANY($1)`, [removed]);
  for (const document of changedCorpus.documents) {
    const passages = changedCorpus.passages.filter((passage) => passage.file === document.file);
    await write(
      `INSERT INTO ${FILES} (file, content_hash, title, publisher, year, speakers, acronyms) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (file) DO UPDATE SET content_hash = excluded.content_hash, title = excluded.title, publisher = excluded.publisher,
         year = excluded.year, speakers = excluded.speakers, acronyms = excluded.acronyms`,
      [
        document.file,
        fileHashes.get(document.file),
        document.title,
        document.publisher ?? null,
        document.year ?? null,
        JSON.stringify([...new Set(passages.map((passage) => passage.speaker))]),
        JSON.stringify(findAcronyms(passages.map((passage) => passage.text))),
      ],
    );
  }

  if (changed.length > 0 || removed.length > 0) {
    // Acronyms merged in corpus order, as findAcronyms over every passage would (a later definition wins).
    const perFile = new Map(
      (await client.query<{ file: string; acronyms: AcronymMap }>(`SELECT file, acronyms FROM ${FILES}`)).rows.map((row) => [row.file, row.acronyms]),
    );
    const acronyms = Object.assign({}, ...files.map((file) => perFile.get(file.file) ?? {})) as AcronymMap;
    if (!isDeepStrictEqual(acronyms, meta.acronyms)) written += await writeMeta(client, 'acronyms', acronyms);
  }
  if (stats.count !== meta.stats?.count || stats.totalLength !== meta.stats?.totalLength) written += await writeMeta(client, 'stats', stats);
  if (!isDeepStrictEqual(embedderMeta, previous)) written += await writeMeta(client, 'embedder', embedderMeta);
  if (written > 0) written += await writeMeta(client, 'generation', (meta.generation ?? 0) + 1);

  const indexed = await client.query<IndexedFile>(
    `SELECT f.file, (SELECT count(*) FROM ${PASSAGES} p WHERE p.file = f.file)::int AS passages,
       (SELECT count(*) FROM jsonb_array_elements_text(f.speakers) s WHERE s <> 'unattributed')::int AS speakers
     FROM ${FILES} f ORDER BY f.file`,
  );
  return {
    files: { total: files.length, changed: changed.length, removed: removed.length },
    indexed: indexed.rows,
    passages: { total: stats.count, inserted, deleted, reembedded },
    rowsWritten: written,
    embedder: { key, dimensions: embedderMeta.dimensions, ...(reason ? { reembedReason: reason } : {}) },
  };
}

/** Re-embeds every stored passage with a new embedder (keyset pages by id). */
async function reembedStored(
  client: pg.PoolClient,
  embedder: { embedDocuments(texts: string[]): Promise<number[][]> },
  onProgress: ProgressListener,
  total: number,
): Promise<number> {
  let done = 0;
  let after = '';
  for (;;) {
    const { rows } = await client.query<{ id: string; text: string }>(`SELECT id, text FROM ${PASSAGES} WHERE id > $1 ORDER BY id LIMIT ${CHUNK}`, [after]);
    if (rows.length === 0) return done;
    onProgress('embedding', done, total);
    const vectors = await embedder.embedDocuments(rows.map((row) => row.text));
    const { rowCount } = await client.query(
      `UPDATE ${PASSAGES} p SET embedding = v.embedding FROM unnest($1::text[], $2::vector[]) AS v(id, embedding) WHERE p.id = v.id`,
      [rows.map((row) => row.id), vectors.map(vectorLiteral)],
    );
    done += rowCount ?? 0;
    after = rows.at(-1)!.id;
  }
}

async function insertPassages(
  client: pg.PoolClient,
  passages: Passage[],
  vectors: number[][],
  dfDelta: Map<string, number>,
  stats: CorpusStats,
): Promise<number> {
  const terms = passages.map((passage) => passageTerms(passage.text));
  for (const { distinct, termCount } of terms) {
    for (const term of distinct) dfDelta.set(term, (dfDelta.get(term) ?? 0) + 1);
    stats.count += 1;
    stats.totalLength += termCount;
  }
  const column = <T>(pick: (passage: Passage, i: number) => T) => passages.map(pick);
  const { rowCount } = await client.query(
    `INSERT INTO ${PASSAGES} (id, file, start_offset, end_offset, content_hash, text, section, speaker, title, publisher, year, terms, term_count, embedding, location, text_file, language)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::tsvector[], $13::int[], $14::vector[], $15::text[], $16::text[], $17::text[])`,
    [
      column((p) => p.id),
      column((p) => p.file),
      column((p) => p.start),
      column((p) => p.end),
      column(passageHash),
      column((p) => p.text),
      column((p) => p.section),
      column((p) => p.speaker),
      column((p) => p.title),
      column((p) => p.publisher ?? null),
      column((p) => p.year ?? null),
      column((_, i) => terms[i]!.tsvector),
      column((_, i) => terms[i]!.termCount),
      column((_, i) => vectorLiteral(vectors[i]!)),
      column((p) => p.location ?? null),
      column((p) => p.textFile ?? null),
      column((p) => p.language ?? null),
    ],
  );
  return rowCount ?? 0;
}

async function applyDfDelta(client: pg.PoolClient, dfDelta: Map<string, number>, write: (sql: string, params: unknown[]) => Promise<void>): Promise<void> {
  const changedTerms = [...dfDelta].filter(([, delta]) => delta !== 0);
  if (changedTerms.length === 0) return;
  await write(
    `INSERT INTO ${TERM_DF} (term, df) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (term) DO UPDATE SET df = ${TERM_DF}.df + excluded.df`,
    [changedTerms.map(([term]) => term), changedTerms.map(([, delta]) => delta)],
  );
  await write(`DELETE FROM ${TERM_DF} WHERE term = ANY($1) AND df <= 0`, [changedTerms.map(([term]) => term)]);
}

/** sha256 of everything stored about a passage: a different hash means the row must be replaced. */
function passageHash(passage: Passage): string {
  const { text, file, start, end, section, speaker, title, publisher, year, location, textFile, language } = passage;
  const stored = [ANALYZER_KEY, text, file, start, end, section, speaker, title, publisher, year, location, textFile, language];
  return createHash('sha256')
    .update(JSON.stringify(stored.map((value) => value ?? null)))
    .digest('hex');
}

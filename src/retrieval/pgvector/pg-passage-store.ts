// Passages in Postgres: BM25 over our own stems (full-text GIN index), cosine search on pgvector's HNSW index, and
// BM25 statistics from a term table — the same answers as the in-process index. Read-only: `npm run ingest` writes.
import type pg from 'pg';
import type { RetrievalConfig } from '../../config.js';
import type { Passage } from '../../corpus/types.js';
import type { AcronymMap } from '../acronyms.js';
import { B, bm25Idf, K1 } from '../bm25-index.js';
import { createReranker, type Reranker } from '../reranker/reranker.js';
import { createEmbedder, embedderKey, type Embedder } from '../embedders/create-embedder.js';
import type { PassageFilter, PassageStore, ScoredPassage, TermStats } from '../passage-store.js';
import { redactUrl } from '../../redact-url.js';
import { connectionError, PgStoreError } from './errors.js';
import { readMeta, type EmbedderMeta } from './meta.js';
import { createPool } from './pool.js';
import { embeddingDimensions, FILES, META, PASSAGES, schemaExists, TERM_DF } from './schema.js';
import { anyTermQuery, vectorLiteral } from './terms.js';

/** What `/trend sources` needs of a passage: one per file and speaker. */
export interface SourcePassage {
  file: string;
  title: string;
  year?: number;
  publisher?: string;
  speaker: string;
}

interface Loaded {
  generation: number;
  embedderMeta: EmbedderMeta;
  model: Embedder;
  acronyms: AcronymMap;
  passageCount: number;
  sources: SourcePassage[];
  /** Made once per reload: retrieval keys its per-list caches (speakers' credit terms) by this array. */
  speakers: string[];
  languages: string[];
}

const COLUMNS = 'id, text, file, start_offset, end_offset, section, speaker, title, publisher, year, location, text_file, language';

interface PassageRow {
  id: string;
  text: string;
  file: string;
  start_offset: number;
  end_offset: number;
  section: string;
  speaker: string;
  title: string;
  publisher: string | null;
  year: number | null;
  location: string | null;
  text_file: string | null;
  language: string | null;
}

export class PgPassageStore implements PassageStore {
  /** Embeds with the model the stored vectors were made with, reloading it when an ingest has changed it. */
  readonly embedder: Embedder;
  readonly reranker: Reranker | undefined;
  private reloading: Promise<Loaded> | undefined;
  // Terms per ingest generation, for typo tolerance: read on the first question that needs them.
  private terms: { generation: number; list: Promise<string[]> } | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: RetrievalConfig,
    private loaded: Loaded,
  ) {
    this.reranker = createReranker(config);
    this.embedder = {
      embedDocuments: async (texts) => (await this.fresh()).model.embedDocuments(texts),
      embedQuery: async (text) => (await this.fresh()).model.embedQuery(text),
      embedQueries: async (texts) => (await this.fresh()).model.embedQueries(texts),
      // Every reload makes its model from this store's configuration: the same embedder, the same thresholds.
      calibration: loaded.model.calibration,
    };
  }

  /** Opens the store for reading; fails with a fix-it error when nothing was ingested or the embedder differs. */
  static async open(config: RetrievalConfig): Promise<PgPassageStore> {
    const databaseUrl = config.databaseUrl!;
    const pool = createPool(databaseUrl);
    try {
      if (!(await schemaExists(pool).catch((error: unknown) => Promise.reject(connectionError(error, databaseUrl))))) {
        throw notIngested(databaseUrl, 'no trendbot tables');
      }
      return new PgPassageStore(pool, config, await load(pool, config, undefined));
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  get acronyms(): AcronymMap {
    return this.loaded.acronyms;
  }

  get passageCount(): number {
    return this.loaded.passageCount;
  }

  /** One entry per file and speaker, as of the last reload. */
  get sources(): SourcePassage[] {
    return this.loaded.sources;
  }

  get description(): string {
    return redactUrl(this.config.databaseUrl!);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async lexical(weights: Map<string, number>, limit: number, filter: PassageFilter): Promise<ScoredPassage[]> {
    const { count, averageLength, df } = await this.corpusStats([...weights.keys()]);
    const terms = [...weights.keys()].filter((term) => (df.get(term) ?? 0) > 0);
    if (terms.length === 0) return [];
    // Okapi BM25 exactly as Bm25Index.search computes it: idf and the average length from JS, tf from the tsvector.
    const idfWeights = terms.map((term) => weights.get(term)! * bm25Idf(count, df.get(term)!));
    const [where, params] = filterSql(filter, 9);
    const { rows } = await this.pool.query<PassageRow & { score: number }>(
      `WITH query(term, weight) AS (SELECT * FROM unnest($1::text[], $2::float8[]))
       SELECT ${COLUMNS.split(', ')
         .map((column) => `p.${column}`)
         .join(', ')},
              sum((q.weight * cardinality(u.positions) * $4::float8) / (cardinality(u.positions) + $5::float8 * ($6::float8 + ($7::float8 * p.term_count) / $8::float8))) AS score
       FROM ${PASSAGES} p
       CROSS JOIN LATERAL unnest(p.terms) AS u(lexeme, positions, weights)
       JOIN query q ON q.term = u.lexeme
       WHERE p.terms @@ $3::tsquery ${where}
       GROUP BY p.id
       ORDER BY score DESC, p.file COLLATE "C", p.start_offset
       LIMIT $9`,
      [terms, idfWeights, anyTermQuery(terms), K1 + 1, K1, 1 - B, B, averageLength, limit, ...params],
    );
    return rows.map((row) => ({ passage: toPassage(row), score: row.score }));
  }

  async nearest(vector: number[], limit: number, filter: PassageFilter): Promise<ScoredPassage[]> {
    const literal = vectorLiteral(vector);
    if (literal === null) return [];
    const { dimensions, key } = this.loaded.embedderMeta;
    if (vector.length !== dimensions) {
      throw new PgStoreError(
        'dimension_mismatch',
        `The query embedding has ${vector.length} dimensions but the passages in Postgres have ${dimensions} (embedded with ${key}): run npm run ingest with this embedder, or configure the one they were embedded with.`,
      );
    }
    const [where, params] = filterSql(filter, 2);
    const { rows } = await this.pool.query<PassageRow & { distance: number }>(
      `SELECT ${COLUMNS}, embedding <=> $1::vector AS distance FROM ${PASSAGES}
       WHERE embedding IS NOT NULL ${where} ORDER BY embedding <=> $1::vector LIMIT $2`,
      [literal, limit, ...params],
    );
    return rows.map((row) => ({ passage: toPassage(row), score: 1 - row.distance }));
  }

  async speakers(): Promise<string[]> {
    return (await this.fresh()).speakers;
  }

  async languages(): Promise<string[]> {
    return (await this.fresh()).languages;
  }

  async termStats(terms: string[]): Promise<Map<string, TermStats>> {
    const { count, df } = await this.corpusStats(terms);
    return new Map(
      terms.map((term) => {
        const documentFrequency = df.get(term) ?? 0;
        return [term, { idf: bm25Idf(count, documentFrequency), documentFrequency }];
      }),
    );
  }

  async vocabulary(): Promise<readonly string[]> {
    const { generation } = await this.fresh();
    if (this.terms?.generation !== generation) {
      const list = this.pool.query<{ term: string }>(`SELECT term FROM ${TERM_DF}`).then(({ rows }) => rows.map(({ term }) => term));
      this.terms = { generation, list };
      list.catch(() => (this.terms = undefined));
    }
    return this.terms.list;
  }

  /** Passage count, average length and the document frequency of each term, in one round trip. */
  private async corpusStats(terms: string[]): Promise<{ count: number; averageLength: number; df: Map<string, number> }> {
    const { rows } = await this.pool.query<{ term: string | null; df: number | null; stats: { count: number; totalLength: number } | null }>(
      `SELECT NULL AS term, NULL::int AS df, (SELECT value FROM ${META} WHERE key = 'stats') AS stats
       UNION ALL SELECT term, df, NULL FROM ${TERM_DF} WHERE term = ANY($1)`,
      [terms],
    );
    const stats = rows.find((row) => row.term === null)?.stats ?? { count: 0, totalLength: 0 };
    const df = new Map(rows.filter((row) => row.term !== null).map((row) => [row.term!, row.df!]));
    return { count: stats.count, averageLength: stats.totalLength / Math.max(1, stats.count), df };
  }

  /** The loaded state, reloaded first when an ingest has changed the store since (one small query per question). */
  private async fresh(): Promise<Loaded> {
    const { generation } = await readMeta(this.pool, ['generation']);
    if ((generation ?? 0) === this.loaded.generation) return this.loaded;
    this.reloading ??= load(this.pool, this.config, this.loaded).finally(() => (this.reloading = undefined));
    this.loaded = await this.reloading;
    return this.loaded;
  }
}

async function load(pool: pg.Pool, config: RetrievalConfig, previous: Loaded | undefined): Promise<Loaded> {
  const databaseUrl = config.databaseUrl!;
  const meta = await readMeta(pool, ['embedder', 'stats', 'acronyms', 'generation']);
  if (!meta.embedder || !meta.stats) throw notIngested(databaseUrl, 'no passages yet');
  const key = embedderKey(config);
  if (meta.embedder.key !== key) {
    throw new PgStoreError(
      'embedder_mismatch',
      `The passages in Postgres at ${redactUrl(databaseUrl)} were embedded with ${meta.embedder.key}, but this configuration embeds with ${key}: run npm run ingest to re-embed them, or set EMBEDDINGS to match.`,
    );
  }
  const columnDimensions = await embeddingDimensions(pool);
  if (columnDimensions !== undefined && columnDimensions !== meta.embedder.dimensions) {
    throw dimensionMismatch(columnDimensions, meta.embedder.dimensions, key);
  }
  const model = previous?.embedderMeta.key === key ? previous.model : createEmbedder(config);
  const { rows } = await pool.query<{ file: string; title: string; year: number | null; publisher: string | null; speakers: string[] }>(
    `SELECT file, title, year, publisher, speakers FROM ${FILES} ORDER BY file COLLATE "C"`,
  );
  const sources = rows.flatMap(({ file, title, year, publisher, speakers }) =>
    speakers.map((speaker) => ({ file, title, speaker, ...(year === null ? {} : { year }), ...(publisher === null ? {} : { publisher }) })),
  );
  const languages = (await pool.query<{ language: string }>(`SELECT DISTINCT coalesce(language, 'eng') AS language FROM ${PASSAGES}`)).rows.map(
    ({ language }) => language,
  );
  return {
    generation: meta.generation ?? 0,
    embedderMeta: meta.embedder,
    model,
    acronyms: meta.acronyms ?? {},
    passageCount: meta.stats.count,
    sources,
    speakers: [...new Set(sources.map(({ speaker }) => speaker))],
    languages,
  };
}

export function dimensionMismatch(columnDimensions: number, embedderDimensions: number, key: string): PgStoreError {
  return new PgStoreError(
    'dimension_mismatch',
    `The passages table stores ${columnDimensions}-dimensional vectors but the embedder (${key}) makes ${embedderDimensions}-dimensional ones: run npm run ingest -- --reembed to re-embed every passage, or configure the embedder the table was made with.`,
  );
}

function notIngested(databaseUrl: string, detail: string): PgStoreError {
  return new PgStoreError(
    'not_ingested',
    `No passages in Postgres at ${redactUrl(databaseUrl)} (${detail}): run npm run ingest with VECTOR_STORE=pgvector first.`,
  );
}

/** SQL conditions for a filter, with parameters numbered after the query's own `used` ones. */
function filterSql(filter: PassageFilter, used: number): [string, unknown[]] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) {
    params.push(filter.year);
    conditions.push(`year = $${used + params.length}::int`);
  }
  if (filter.file !== undefined) {
    params.push(filter.file);
    const n = used + params.length;
    // As matchesFilter: the path itself, or its base name after a slash.
    conditions.push(`(file = $${n}::text OR right(file, length($${n}::text) + 1) = '/' || $${n}::text)`);
  }
  if (filter.language !== undefined) {
    params.push(filter.language);
    conditions.push(`coalesce(language, 'eng') = $${used + params.length}::text`);
  }
  if (filter.speakers !== undefined) {
    params.push(filter.speakers);
    conditions.push(`speaker = ANY($${used + params.length}::text[])`);
  }
  return [conditions.map((condition) => `AND ${condition}`).join(' '), params];
}

function toPassage(row: PassageRow): Passage {
  return {
    id: row.id,
    text: row.text,
    file: row.file,
    start: row.start_offset,
    end: row.end_offset,
    section: row.section,
    speaker: row.speaker,
    title: row.title,
    ...(row.publisher === null ? {} : { publisher: row.publisher }),
    ...(row.year === null ? {} : { year: row.year }),
    ...(row.location === null ? {} : { location: row.location }),
    ...(row.text_file === null ? {} : { textFile: row.text_file }),
    ...(row.language === null ? {} : { language: row.language }),
  };
}

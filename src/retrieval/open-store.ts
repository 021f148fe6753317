// Opens the configured passage store: the in-process index (built or rebuilt as needed), or Postgres with pgvector
// (read-only: `npm run ingest` fills it). Front ends (CLI, Slack) use this and never a backend directly.
import type { RetrievalConfig } from '../config.js';
import { hashCorpus, readCorpusFiles, type IndexedFile, type SkippedFile } from '../corpus/load-corpus.js';
import { openIndex, type OpenIndexOptions } from './hnswlib/open-index.js';
import type { PassageStore } from './passage-store.js';
import { ingestToPostgres, type PgIngestOptions, type PgIngestReport } from './pgvector/ingest.js';
import { PgPassageStore, type SourcePassage } from './pgvector/pg-passage-store.js';

export type { SourcePassage };

export interface OpenedStore {
  /** The store to answer from; read it per question: the in-process index is replaced when the corpus changes. */
  readonly store: PassageStore;
  /** 'hnswlib' (INDEX_DIR) or 'pgvector' (DATABASE_URL), for logs. */
  kind: RetrievalConfig['vectorStore'];
  /** Where the passages are: the index folder, or the database without its password. */
  location: string;
  /** Passages in the store (as of the last reload for Postgres). */
  passageCount(): number;
  /** One entry per file and speaker at least, for `/trend sources` (summarizeSources). */
  sourcePassages(): readonly SourcePassage[];
  close(): Promise<void>;
}

export interface OpenStoreOptions extends OpenIndexOptions {
  /** In-process index only: check the corpus this often (ms) and rebuild in the background when it changed. */
  watchCorpusMs?: number;
  /** A failed check or rebuild; the current index stays in use. */
  onWatchError?: (error: unknown) => void;
}

export async function openStore(config: RetrievalConfig, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (config.vectorStore === 'pgvector') {
    const store = await PgPassageStore.open(config);
    return {
      store,
      kind: 'pgvector',
      location: store.description,
      passageCount: () => store.passageCount,
      sourcePassages: () => store.sources,
      close: () => store.close(),
    };
  }
  let current = await openIndex(config, options);
  let refreshing = false;
  // Quotes carry offsets into the corpus files: when those change, answers must come from an index of the new text.
  const refresh = async () => {
    if (refreshing) return;
    refreshing = true;
    try {
      const hash = hashCorpus((await readCorpusFiles(config.corpusDir)).files);
      if (hash !== current.parts.manifest.corpusHash) current = await openIndex(config, options);
    } catch (error) {
      options.onWatchError?.(error);
    } finally {
      refreshing = false;
    }
  };
  const timer = options.watchCorpusMs ? setInterval(() => void refresh(), options.watchCorpusMs).unref() : undefined;
  return {
    get store() {
      return current;
    },
    kind: 'hnswlib',
    location: config.indexDir,
    passageCount: () => current.passages.length,
    sourcePassages: () => current.passages,
    close: async () => clearInterval(timer),
  };
}

export type IngestReport =
  | {
      kind: 'hnswlib';
      location: string;
      passages: number;
      embedded: number;
      /** Points inserted into and deleted from the hnswlib graph; inserted = passages when it was built afresh. */
      graph: { inserted: number; deleted: number };
      embedder: { key: string; dimensions: number };
      ms: number;
      indexed: IndexedFile[];
      skipped: SkippedFile[];
    }
  | ({ kind: 'pgvector' } & PgIngestReport);

/**
 * `npm run ingest`: rebuilds the in-process index (embedding only passages whose text is new, unless reembed), or
 * brings Postgres up to date with the corpus.
 */
export async function ingestStore(config: RetrievalConfig, options: OpenIndexOptions & Pick<PgIngestOptions, 'reembed'> = {}): Promise<IngestReport> {
  if (config.vectorStore === 'pgvector') return { kind: 'pgvector', ...(await ingestToPostgres(config, options)) };
  let skipped: SkippedFile[] = [];
  const index = await openIndex(config, {
    ...options,
    force: true,
    onSkipped: (list) => {
      skipped = list;
      options.onSkipped?.(list);
    },
  });
  const { manifest } = index.parts;
  return {
    kind: 'hnswlib',
    skipped,
    location: config.indexDir,
    passages: manifest.passageCount,
    embedded: manifest.embedded ?? manifest.passageCount,
    graph: manifest.graph ?? { inserted: manifest.passageCount, deleted: 0 },
    indexed: manifest.files ?? [],
    embedder: manifest.embedder,
    ms: manifest.buildMs.embedding + manifest.buildMs.indexing,
  };
}

// Builds, saves and loads the index on disk. A build is written to its own folder and then published by an atomic
// rename of the CURRENT pointer, so a crash at any moment leaves the previous index usable.
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { RetrievalConfig } from '../../config.js';
import { CorpusError, indexedFiles, type Corpus } from '../../corpus/load-corpus.js';
import type { Passage } from '../../corpus/types.js';
import { findAcronyms, type AcronymMap } from '../acronyms.js';
import { Bm25Index, type Bm25Data } from '../bm25-index.js';
import { createEmbedder, embedderKey, type Embedder } from '../embedders/create-embedder.js';
import { VectorCache } from './vector-cache.js';
import { createReranker } from '../reranker/reranker.js';
import { SearchIndex, type IndexManifest } from './search-index.js';
import { buildVectorStore, updateVectorStore } from './vector-store.js';
import { ANALYZER_KEY } from '../tokenize.js';

export type BuildStage = 'embedding' | 'indexing' | 'saving';
export type ProgressListener = (stage: BuildStage, done: number, total: number) => void;

const POINTER = 'CURRENT';
const LOCK = 'build.lock';
// A lock not refreshed for this long was left by a process that died.
const STALE_LOCK_MS = 30_000;
const LOCK_POLL_MS = 200;
// Passages sent to the embedder at a time (split over its threads), so progress can be shown on large corpora.
const EMBED_CHUNK = 256;

export interface BuildOptions {
  onProgress?: ProgressListener;
  /** Model threads embedding at once (the local model; one per core for `npm run ingest`): 1 leaves a core free. */
  embedThreads?: number;
  /** Embed every passage, ignoring the vector cache. */
  reembed?: boolean;
}

/**
 * Builds the index of a corpus and publishes it in config.indexDir. Only passages whose text has no vector in the
 * index folder's vector cache are embedded (a changed file costs its new passages; a build that died resumes).
 * Throws CorpusError when the corpus holds no passage.
 */
export async function buildIndex(config: RetrievalConfig, corpus: Corpus, options: BuildOptions = {}): Promise<SearchIndex> {
  const onProgress = options.onProgress ?? (() => {});
  if (corpus.passages.length === 0) {
    throw new CorpusError(`The corpus files (${corpus.documents.map(({ file }) => file).join(', ')}) hold no text to index.`);
  }
  const texts = corpus.passages.map((passage) => passage.text);
  const embeddingStart = performance.now();
  const embedder = createEmbedder(config, options.embedThreads);
  const vectors = await embedWithCache(config, corpus.passages, embedder, onProgress, options.reembed === true);
  const embeddingMs = performance.now() - embeddingStart;

  const indexingStart = performance.now();
  onProgress('indexing', 0, 1);
  const dimensions = vectors[0]?.length ?? 0;
  const bm25 = Bm25Index.build(texts);
  const acronyms = findAcronyms(texts);
  const graph = (!options.reembed && (await updatePreviousGraph(config, embedder, corpus.passages, vectors))) || {
    store: await buildVectorStore(embedder, vectors, dimensions),
    inserted: vectors.length,
    deleted: 0,
  };
  onProgress('indexing', 1, 1);

  const manifest: IndexManifest = {
    version: 1,
    builtAt: new Date().toISOString(),
    corpusHash: corpus.hash,
    embedder: { key: embedderKey(config), dimensions },
    analyzer: ANALYZER_KEY,
    passageCount: corpus.passages.length,
    embedded: vectors.embedded,
    graph: { inserted: graph.inserted, deleted: graph.deleted },
    files: indexedFiles(corpus),
    buildMs: { embedding: Math.round(embeddingMs), indexing: Math.round(performance.now() - indexingStart) },
  };
  onProgress('saving', 0, 1);
  await saveIndex(config.indexDir, { manifest, passages: corpus.passages, bm25, acronyms, store: graph.store });
  onProgress('saving', 1, 1);
  return new SearchIndex({ manifest, passages: corpus.passages, bm25, acronyms, vectors: graph.store, embedder, reranker: createReranker(config) });
}

/**
 * The published build's hnswlib graph, read from disk and updated to these passages (see updateVectorStore), or
 * undefined when there is none for this embedder or a fresh graph is better. The live index is never touched.
 */
async function updatePreviousGraph(config: RetrievalConfig, embedder: Embedder, passages: Passage[], vectors: number[][]) {
  try {
    const current = await readManifest(config.indexDir);
    if (current?.manifest.embedder.key !== embedderKey(config)) return undefined;
    const [previousPassages, store] = await Promise.all([
      readFile(path.join(current.buildDir, 'passages.json'), 'utf8').then((json) => JSON.parse(json) as Passage[]),
      HNSWLib.load(path.join(current.buildDir, 'hnswlib'), embedder),
    ]);
    const counts = updateVectorStore({ store, passages: previousPassages }, passages, vectors);
    return counts && { store, ...counts };
  } catch {
    return undefined; // an unreadable previous build: a fresh graph
  }
}

/**
 * Each passage's vector, in passage order: from the cache, or embedded EMBED_CHUNK passages at a time across files
 * (small files would otherwise leave model threads idle), each file cached as soon as all its passages have vectors.
 */
async function embedWithCache(
  config: RetrievalConfig,
  passages: Passage[],
  embedder: Embedder,
  onProgress: ProgressListener,
  reembed: boolean,
): Promise<number[][] & { embedded: number }> {
  const cache = await VectorCache.open(config.indexDir, embedderKey(config));
  const byFile = new Map<string, Passage[]>();
  for (const passage of passages) byFile.set(passage.file, [...(byFile.get(passage.file) ?? []), passage]);
  const found = new Map<string, (number[] | undefined)[]>();
  for (const [file, own] of byFile) {
    const texts = own.map(({ text }) => text);
    found.set(file, reembed ? texts.map(() => undefined) : await cache.lookup(file, texts));
  }
  const todo = [...found].flatMap(([file, vectors]) => vectors.flatMap((vector, i) => (vector ? [] : [{ file, i }])));
  onProgress('embedding', 0, todo.length);
  for (let start = 0; start < todo.length; start += EMBED_CHUNK) {
    const chunk = todo.slice(start, start + EMBED_CHUNK);
    const fresh = await embedder.embedDocuments(chunk.map(({ file, i }) => byFile.get(file)![i]!.text));
    chunk.forEach(({ file, i }, n) => (found.get(file)![i] = fresh[n]));
    for (const file of new Set(chunk.map(({ file }) => file))) {
      const fileVectors = found.get(file)!;
      if (fileVectors.every(Boolean))
        await cache.save(
          file,
          byFile.get(file)!.map(({ text }) => text),
          fileVectors as number[][],
        );
    }
    onProgress('embedding', start + chunk.length, todo.length);
  }
  await cache.prune(byFile.keys());
  const next = new Map<string, number>();
  const vectors = passages.map(({ file }) => {
    const i = next.get(file) ?? 0;
    next.set(file, i + 1);
    return found.get(file)![i]!;
  });
  return Object.assign(vectors, { embedded: todo.length });
}

interface SaveParts {
  manifest: IndexManifest;
  passages: Passage[];
  bm25: Bm25Index;
  acronyms: AcronymMap;
  store: HNSWLib;
}

async function saveIndex(indexDir: string, parts: SaveParts): Promise<void> {
  await mkdir(indexDir, { recursive: true });
  const buildName = `build-${Date.now()}-${randomBytes(4).toString('hex')}`;
  const buildDir = path.join(indexDir, buildName);
  await mkdir(buildDir);
  try {
    await parts.store.save(path.join(buildDir, 'hnswlib'));
    await writeFile(path.join(buildDir, 'passages.json'), JSON.stringify(parts.passages));
    await writeFile(path.join(buildDir, 'bm25.json'), JSON.stringify(parts.bm25));
    await writeFile(path.join(buildDir, 'acronyms.json'), JSON.stringify(parts.acronyms));
    // The manifest goes last: a build folder without one is incomplete.
    await writeFile(path.join(buildDir, 'manifest.json'), JSON.stringify(parts.manifest, null, 2));
    const pointerTmp = path.join(indexDir, `${POINTER}.${buildName}.tmp`);
    await writeFile(pointerTmp, buildName);
    await rename(pointerTmp, path.join(indexDir, POINTER));
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  }
  await removeOtherBuilds(indexDir, buildName);
}

async function removeOtherBuilds(indexDir: string, keep: string): Promise<void> {
  for (const name of await readdir(indexDir)) {
    if (name !== keep && name !== POINTER && name.startsWith('build-')) {
      await rm(path.join(indexDir, name), { recursive: true, force: true }).catch(() => {});
    }
  }
}

/**
 * Runs one build at a time per index folder, across processes (a bot and `ask` side by side, replicas on one host):
 * without it, one builder's clean-up could delete another's build. A lock left by a process that died is taken over.
 */
/**
 * Runs `body` holding the index folder's build lock (proper-lockfile: a lock folder whose time the holder refreshes
 * every staleMs / 2), waiting as long as another process holds it. A lock a live build holds is never taken over,
 * however long the build; one left by a process that died is taken over once it is staleMs old (30 s).
 */
export async function withBuildLock<T>(indexDir: string, body: () => Promise<T>, staleMs = STALE_LOCK_MS): Promise<T> {
  await mkdir(indexDir, { recursive: true });
  const release = await lockfile.lock(indexDir, {
    lockfilePath: path.join(indexDir, LOCK),
    realpath: false,
    stale: staleMs,
    retries: { forever: true, minTimeout: LOCK_POLL_MS, maxTimeout: LOCK_POLL_MS * 5 },
    // The lock could not be refreshed in time (a stalled disk): another build may start. Each build writes its own
    // folder and publishes it with an atomic rename, so the index stays whole; the build goes on.
    onCompromised: () => {},
  });
  try {
    return await body();
  } finally {
    await release().catch(() => {});
  }
}

/** Reads the manifest of the current build, or undefined when there is none. */
export async function readManifest(indexDir: string): Promise<{ manifest: IndexManifest; buildDir: string } | undefined> {
  let buildName: string;
  try {
    buildName = (await readFile(path.join(indexDir, POINTER), 'utf8')).trim();
  } catch {
    return undefined;
  }
  const buildDir = path.join(indexDir, buildName);
  const manifest = JSON.parse(await readFile(path.join(buildDir, 'manifest.json'), 'utf8')) as IndexManifest;
  return { manifest, buildDir };
}

export async function loadIndex(config: RetrievalConfig, buildDir: string, manifest: IndexManifest): Promise<SearchIndex> {
  const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(path.join(buildDir, name), 'utf8')) as T;
  const embedder = createEmbedder(config);
  const [passages, bm25Data, acronyms, vectors] = await Promise.all([
    readJson<Passage[]>('passages.json'),
    readJson<Bm25Data>('bm25.json'),
    readJson<AcronymMap>('acronyms.json'),
    HNSWLib.load(path.join(buildDir, 'hnswlib'), embedder),
  ]);
  if (passages.length !== manifest.passageCount || bm25Data.count !== passages.length) {
    throw new Error(`The index at ${buildDir} is inconsistent (passage counts differ).`);
  }
  return new SearchIndex({ manifest, passages, bm25: Bm25Index.fromJSON(bm25Data), acronyms, vectors, embedder, reranker: createReranker(config) });
}

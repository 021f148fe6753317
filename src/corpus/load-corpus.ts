// Reads every .md/.txt file of the corpus folder into passages, with a content hash to tell when the index is stale.
import { TrendbotError } from '../errors.js';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from './parse-document.js';
import { splitPassages } from './split-passages.js';
import type { DocumentInfo, Passage } from './types.js';

export class CorpusError extends TrendbotError<'corpus_unreadable'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corpus_unreadable', message, options);
  }
}

export interface Corpus {
  documents: DocumentInfo[];
  passages: Passage[];
  /** sha256 over every file's path and content: changes whenever the corpus does. */
  hash: string;
}

const CORPUS_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
// Bump when the way passages are cut changes, so existing indexes are rebuilt.
const SPLITTER_VERSION = 'passages-v3';

export interface CorpusFile {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  content: string;
}

export async function readCorpusFiles(corpusDir: string): Promise<CorpusFile[]> {
  let names: string[];
  try {
    names = await readdir(corpusDir);
  } catch (error) {
    throw new CorpusError(
      `Cannot read the corpus folder ${corpusDir} (${(error as NodeJS.ErrnoException).code}). Set CORPUS_DIR to a folder of .md or .txt files.`,
      { cause: error },
    );
  }
  const files = names.filter((name) => CORPUS_EXTENSIONS.has(path.extname(name).toLowerCase())).sort();
  if (files.length === 0) throw new CorpusError(`The corpus folder ${corpusDir} has no .md or .txt files.`);
  return Promise.all(
    files.map(async (name) => {
      const absolute = path.resolve(corpusDir, name);
      return { file: displayPath(absolute), content: await readFile(absolute, 'utf8') };
    }),
  );
}

export function hashCorpus(files: CorpusFile[]): string {
  const hash = createHash('sha256').update(SPLITTER_VERSION);
  for (const { file, content } of files) hash.update(`\0${file}\0${content}`);
  return hash.digest('hex');
}

export async function loadCorpus(corpusDir: string): Promise<Corpus> {
  return parseCorpus(await readCorpusFiles(corpusDir));
}

export function parseCorpus(files: CorpusFile[]): Corpus {
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  for (const { file, content } of files) {
    const { info, blocks } = parseDocument(file, content);
    documents.push(info);
    passages.push(...splitPassages(info, content, blocks));
  }
  return { documents, passages, hash: hashCorpus(files) };
}

/** Relative to the working directory (the repo root for npm scripts) when inside it, absolute otherwise. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

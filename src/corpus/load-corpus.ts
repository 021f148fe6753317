// Reads every document of the corpus folder and its sub-folders into passages (Markdown and text as they are; PDF,
// DOCX, PPTX, HTML and CSV through a loader, whose text is kept beside the index), with a content hash to tell when
// the index is stale; a file that cannot be used is skipped with its reason.
import { TrendbotError } from '../errors.js';
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { documentLanguage } from './language.js';
import { locationAt, type TextLocation } from './loaders/extracted-text.js';
import { CONVERTED_EXTENSIONS, extractText, LoaderError, LOADERS_VERSION } from './loaders/extract.js';
import { CorpusFormatError, parseDocument, readHeader } from './parse-document.js';
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

const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const CORPUS_EXTENSIONS = new Set([...TEXT_EXTENSIONS, ...CONVERTED_EXTENSIONS]);
// Bump when the way passages are cut or attributed changes, so existing indexes are rebuilt.
const SPLITTER_VERSION = `passages-v4/${LOADERS_VERSION}`;

export interface CorpusFile {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** The file's text; for a converted format (PDF…), the text its loader extracted. */
  content: string;
  /** Converted formats: where each page, slide or row starts in content. */
  locations?: TextLocation[];
  /** Converted formats: where content is saved (with readCorpusFiles' textDir), relative like file. */
  textFile?: string;
}

/** A corpus file left out, and why (one line, for the ingest report, stderr and the log). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CorpusFiles {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/**
 * Reads the documents (.md, .markdown, .txt, .pdf, .docx, .pptx, .html, .htm, .csv) of the corpus folder and its
 * sub-folders (hidden ones left out), in path order. A file that cannot be used is skipped with its reason, never
 * failing the rest: unreadable, a broken or looping link, binary, not UTF-8, front matter that does not parse, or a
 * converted format its loader cannot read. With textDir, each converted file's text is saved there as
 * `<its path in the corpus>.txt`, which quotes' offsets index. Throws CorpusError when the folder cannot be read or no
 * file in it can be used.
 */
export async function readCorpusFiles(corpusDir: string, textDir?: string): Promise<CorpusFiles> {
  let entries: Dirent[];
  try {
    entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new CorpusError(`Cannot read the corpus folder ${corpusDir} (${(error as NodeJS.ErrnoException).code}). Set CORPUS_DIR to a folder of documents.`, {
      cause: error,
    });
  }
  const candidates = entries
    .filter((entry) => !entry.isDirectory() && CORPUS_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.resolve(entry.parentPath, entry.name))
    .filter(
      (absolute) =>
        !path
          .relative(path.resolve(corpusDir), absolute)
          .split(path.sep)
          .some((part) => part.startsWith('.')),
    )
    .sort();
  const read = await Promise.all(
    candidates.map((absolute) => {
      const textFile = textDir && displayPath(path.join(textDir, `${path.relative(path.resolve(corpusDir), absolute)}.txt`));
      return readCorpusFile(absolute, textFile);
    }),
  );
  const files = read.filter((entry): entry is CorpusFile => 'content' in entry);
  const skipped = read.filter((entry): entry is SkippedFile => 'reason' in entry);
  if (textDir) await removeStaleTexts(textDir, new Set(files.flatMap(({ textFile }) => (textFile ? [path.resolve(textFile)] : []))));
  if (files.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} skipped; ${skipped[0]!.file}: ${skipped[0]!.reason})` : '';
    throw new CorpusError(`The corpus folder ${corpusDir} has no readable documents${why}.`);
  }
  return { files, skipped };
}

// Bytes a text file never has in its first 8 KB.
const BINARY_SNIFF_BYTES = 8192;

async function readCorpusFile(absolute: string, textFile: string | undefined): Promise<CorpusFile | SkippedFile> {
  const file = displayPath(absolute);
  let bytes: Buffer;
  try {
    if (!(await stat(absolute)).isFile()) return { file, reason: 'not a file (a link to a folder, or a device)' };
    bytes = await readFile(absolute);
  } catch (error) {
    return { file, reason: unreadable(error as NodeJS.ErrnoException) };
  }
  const extension = path.extname(absolute).toLowerCase();
  if (CONVERTED_EXTENSIONS.has(extension)) return readConverted(file, extension, bytes, textFile);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { file, reason: 'binary, not text' };
  let content: string;
  try {
    // Fatal: invalid bytes are refused rather than replaced. A byte-order mark is kept, so offsets index the text as
    // any UTF-8 reader sees it; the parser looks past it.
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { file, reason: 'not UTF-8 text (save it as UTF-8)' };
  }
  try {
    readHeader(file, content);
  } catch (error) {
    if (error instanceof CorpusFormatError) return { file, reason: error.message.replace(`${file}: `, '') };
    throw error;
  }
  return { file, content };
}

async function readConverted(file: string, extension: string, bytes: Buffer, textFile: string | undefined): Promise<CorpusFile | SkippedFile> {
  let extracted;
  try {
    extracted = await extractText(extension, bytes);
  } catch (error) {
    if (error instanceof LoaderError) return { file, reason: error.message };
    throw error;
  }
  if (textFile !== undefined) await saveText(textFile, extracted.text);
  return { file, content: extracted.text, locations: extracted.locations, ...(textFile === undefined ? {} : { textFile }) };
}

// An unchanged text is not rewritten.
async function saveText(textFile: string, text: string): Promise<void> {
  if ((await readFile(textFile, 'utf8').catch(() => undefined)) === text) return;
  await mkdir(path.dirname(textFile), { recursive: true });
  // Written aside and renamed, so that another process never reads half a file.
  const partial = `${textFile}.${process.pid}${PARTIAL}`;
  await writeFile(partial, text);
  await rename(partial, textFile);
}

const PARTIAL = '.partial';

// The saved texts of files no longer in the corpus (or no longer readable); another process's file being written is left alone.
async function removeStaleTexts(textDir: string, current: Set<string>): Promise<void> {
  const entries = await readdir(textDir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const absolute = path.resolve(entry.parentPath, entry.name);
    if (entry.isFile() && !entry.name.endsWith(PARTIAL) && !current.has(absolute)) await rm(absolute, { force: true });
  }
}

function unreadable(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'a broken link (its target does not exist)';
  if (error.code === 'ELOOP') return 'a link that leads back to itself';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'not readable (permission denied)';
  return `cannot be read (${error.code ?? error.message})`;
}

/** Where the text of converted files is saved for an index folder. */
export function extractedTextDir(indexDir: string): string {
  return path.join(indexDir, 'text');
}

export function hashCorpus(files: CorpusFile[]): string {
  const hash = createHash('sha256').update(SPLITTER_VERSION);
  for (const { file, content } of files) hash.update(`\0${file}\0${content}`);
  return hash.digest('hex');
}

export async function loadCorpus(corpusDir: string): Promise<Corpus> {
  return parseCorpus((await readCorpusFiles(corpusDir)).files);
}

/** What the index holds of one corpus file, for the ingest report. */
export interface IndexedFile {
  file: string;
  passages: number;
  /** People credited with at least one of its passages. */
  speakers: number;
}

/** One entry per document, in the corpus's order (a document with no passages included). */
export function indexedFiles(corpus: Pick<Corpus, 'documents' | 'passages'>): IndexedFile[] {
  const found = new Map(corpus.documents.map(({ file }) => [file, { passages: 0, speakers: new Set<string>() }]));
  for (const { file, speaker } of corpus.passages) {
    const entry = found.get(file)!;
    entry.passages += 1;
    if (speaker !== 'unattributed') entry.speakers.add(speaker);
  }
  return [...found].map(([file, { passages, speakers }]) => ({ file, passages, speakers: speakers.size }));
}

export function parseCorpus(files: CorpusFile[]): Corpus {
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  for (const { file, content, locations, textFile } of files) {
    const { info, blocks } = parseDocument(file, content);
    documents.push(info);
    const own = splitPassages(info, content, blocks);
    const language = documentLanguage(own.map(({ text }) => text).join('\n'));
    for (const passage of own) {
      const location = locations && locationAt(locations, passage.start);
      passages.push({ ...passage, language, ...(location === undefined ? {} : { location }), ...(textFile === undefined ? {} : { textFile }) });
    }
  }
  return { documents, passages, hash: hashCorpus(files) };
}

/** Relative to the working directory (the repo root for npm scripts) when inside it, absolute otherwise. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

// Which loader reads which file, and a cache so that the bot's corpus check re-reads only files whose bytes changed.
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { extractCsv } from './csv.js';
import type { ExtractedText } from './extracted-text.js';
import { extractDocx, extractHtml } from './html.js';
import { extractPdf } from './pdf.js';
import { extractPptx } from './pptx.js';

/** Bump when a loader's output changes, so that indexes built from the old text are rebuilt. */
export const LOADERS_VERSION = 'loaders-v1';

const LOADERS: Record<string, { name: string; read: (bytes: Uint8Array) => ExtractedText | Promise<ExtractedText> }> = {
  '.pdf': { name: 'PDF', read: extractPdf },
  '.docx': { name: 'Word document', read: extractDocx },
  '.pptx': { name: 'PowerPoint deck', read: extractPptx },
  '.html': { name: 'web page', read: (bytes) => extractHtml(utf8(bytes)) },
  '.htm': { name: 'web page', read: (bytes) => extractHtml(utf8(bytes)) },
  '.csv': { name: 'CSV', read: (bytes) => extractCsv(utf8(bytes)) },
};

/** File extensions read through a loader (the text kept beside the index); .md, .markdown and .txt are read as they are. */
export const CONVERTED_EXTENSIONS = new Set(Object.keys(LOADERS));

export class LoaderError extends Error {}

// Extracted texts by content hash: a PDF is parsed once, not on every 30-second corpus check.
const cache = new LRUCache<string, ExtractedText>({ maxSize: 512 * 1024 * 1024, sizeCalculation: (value) => value.text.length * 2 + 1 });

/**
 * The text of a PDF, DOCX, PPTX, HTML or CSV file (extension with its dot, lower case). Throws LoaderError with a
 * one-line reason when the file cannot be read as that format or has no text.
 */
export async function extractText(extension: string, bytes: Uint8Array): Promise<ExtractedText> {
  const loader = LOADERS[extension];
  if (!loader) throw new LoaderError(`no loader for ${extension} files`);
  const key = `${extension}:${createHash('sha256').update(bytes).digest('hex')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let extracted: ExtractedText;
  try {
    extracted = await loader.read(bytes);
  } catch (error) {
    if (error instanceof LoaderError) throw error;
    throw new LoaderError(`cannot be read as a ${loader.name} (${firstLine(error)})`);
  }
  if (extracted.text.trim() === '') {
    throw new LoaderError(extension === '.pdf' ? 'no text layer (a scanned PDF? run it through OCR first)' : `no text in this ${loader.name}`);
  }
  cache.set(key, extracted);
  return extracted;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LoaderError('not UTF-8 text (save it as UTF-8)');
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

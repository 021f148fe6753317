// A PDF's text layer (pdf.js) as paragraphs in reading order: running headers, footers and page numbers dropped,
// footnote markers dropped and the footnotes moved to the end, hyphenated line breaks rejoined.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { TextBuilder, type ExtractedText } from './extracted-text.js';

interface Line {
  text: string;
  page: number;
  x: number;
  /** Baseline, in PDF units from the bottom of the page. */
  y: number;
  width: number;
  /** The largest glyph height on the line. */
  size: number;
}

/** Reads a PDF's text layer. Throws when the bytes are not a PDF or it is encrypted; returns '' for a scan. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedText> {
  // A copy: pdf.js takes the buffer over (and refuses a Node Buffer).
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: { lines: Line[]; height: number }[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item);
      pages.push({ lines: toLines(items, number), height: page.getViewport({ scale: 1 }).height });
      page.cleanup();
    }
    return layOut(pages);
  } finally {
    await pdf.destroy();
  }
}

// pdf.js gives runs of text in content order; runs on one baseline (within half a glyph) make a line.
function toLines(items: TextItem[], page: number): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  let runs: TextItem[] = [];
  const close = () => {
    if (current && runs.length > 0) {
      current.text = joinRuns(runs, current).replace(/\s+/g, ' ').trim();
      if (current.text !== '') lines.push(current);
    }
    current = undefined;
    runs = [];
  };
  for (const item of items) {
    const [, , , , x = 0, y = 0] = item.transform as number[];
    if (item.str !== '' || item.height > 0) {
      if (current && Math.abs(y - current.y) > Math.max(current.size, item.height) / 2) close();
      current ??= { text: '', page, x, y, width: 0, size: 0 };
      runs.push(item);
      if (item.height > current.size && item.str.trim() !== '') {
        current.size = item.height;
        current.y = y;
      }
      current.width = Math.max(current.width, x + item.width - current.x);
    }
    if (item.hasEOL) close();
  }
  close();
  return lines;
}

// A small raised number or mark inside a line is a footnote marker: left out of the text.
function joinRuns(runs: TextItem[], line: Line): string {
  let text = '';
  let end = -Infinity;
  for (const run of runs) {
    const [, , , , x = 0, y = 0] = run.transform as number[];
    const marker = run.height < line.size * 0.8 && y > line.y + 1 && /^\s*(\d{1,3}|[*†‡§])\s*$/.test(run.str);
    if (marker) continue;
    if (text !== '' && !/\s$/.test(text) && !/^\s/.test(run.str) && x - end > line.size * 0.15) text += ' ';
    text += run.str;
    end = x + run.width;
  }
  return text;
}

function layOut(pages: { lines: Line[]; height: number }[]): ExtractedText {
  const all = pages.flatMap((page) => page.lines);
  const body = bodySize(all);
  const chrome = chromeLines(pages, body);
  const kept = pages.map(({ lines }) => lines.filter((line) => !chrome.has(line)));
  const footnotes = new Set(kept.flatMap(footnoteLines(body)));
  const columnWidth = kept.map((lines) => Math.max(0, ...lines.filter((line) => Math.abs(line.size - body) < 1).map((line) => line.width)));
  const vocabulary = new Set(all.flatMap((line) => line.text.toLowerCase().match(/[\p{L}-]+/gu) ?? []));
  const title = all.reduce<Line | undefined>((best, line) => (best && best.size >= line.size ? best : line), undefined);

  const out = new TextBuilder();
  let previous: Line | undefined;
  for (const line of kept.flat()) {
    if (footnotes.has(line)) continue;
    const where = `page ${line.page}`;
    if (line.size >= body * 1.08) {
      out.heading(line === title ? 1 : 2, line.text, where);
      previous = undefined;
    } else if (previous && continuesParagraph(previous, line, body, columnWidth[previous.page - 1] ?? 0)) {
      out.continueParagraph(line.text, {
        dropHyphen: dehyphenate(previous.text, line.text, vocabulary),
        location: line.page === previous.page ? undefined : where,
      });
      previous = line;
    } else {
      out.paragraph(line.text, where);
      previous = line;
    }
  }
  const notes = kept.flat().filter((line) => footnotes.has(line));
  if (notes.length > 0) out.heading(2, 'Notes');
  for (const note of notes) {
    if (/^(\d{1,3}|[*†‡§])\s/.test(note.text)) out.paragraph(note.text, `page ${note.page}`);
    else out.continueParagraph(note.text, { dropHyphen: false });
  }
  return out.done();
}

/** The most common glyph height, weighted by characters: the body text's. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) weight.set(Math.round(line.size), (weight.get(Math.round(line.size)) ?? 0) + line.text.length);
  return [...weight].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [12, 0])[0];
}

// Running headers and footers: lines repeated on two or more pages at the same height (page numbers aside), page
// numbers on their own, and on a one-page document small lines at the very top or bottom.
function chromeLines(pages: { lines: Line[]; height: number }[], body: number): Set<Line> {
  const key = (line: Line) => `${Math.round(line.y / 4)}:${line.text.replace(/\d+/g, '#').toLowerCase()}`;
  const pagesWith = new Map<string, Set<number>>();
  for (const line of pages.flatMap((page) => page.lines)) {
    pagesWith.set(key(line), (pagesWith.get(key(line)) ?? new Set()).add(line.page));
  }
  const chrome = new Set<Line>();
  for (const { lines, height } of pages) {
    for (const line of lines) {
      const margin = line.y < height * 0.07 || line.y > height * 0.93;
      if (
        (pages.length > 1 && (pagesWith.get(key(line))?.size ?? 0) > 1) ||
        /^(page\s*)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i.test(line.text) ||
        (margin && line.size < body)
      ) {
        chrome.add(line);
      }
    }
  }
  return chrome;
}

// Footnotes: small lines with no body line below them in the same column.
function footnoteLines(body: number): (lines: Line[]) => Line[] {
  return (lines) =>
    lines.filter(
      (line) =>
        line.size < body * 0.75 &&
        !lines.some((other) => other.size >= body * 0.95 && other.y < line.y && other.x < line.x + line.width && line.x < other.x + other.width),
    );
}

// Lines one pitch apart at the same indent and size make a paragraph; at a new column or page the paragraph goes on
// when the line before ran to the end of its column without ending a sentence.
function continuesParagraph(previous: Line, line: Line, body: number, columnWidth: number): boolean {
  if (Math.abs(line.size - previous.size) > 0.5) return false;
  const drop = previous.y - line.y;
  if (line.page === previous.page && drop > 0) {
    if (drop < body * 1.6) return Math.abs(line.x - previous.x) < body;
    return false;
  }
  return previous.width >= columnWidth * 0.9 && !/[.!?:"”]$/.test(previous.text);
}

// "expec-" + "ted" → "expected", unless the document spells the pair with its hyphen elsewhere ("self-reported").
function dehyphenate(before: string, after: string, vocabulary: Set<string>): boolean {
  const head = /(\p{L}+)-$/u.exec(before)?.[1];
  const tail = /^(\p{Ll}\p{L}*)/u.exec(after)?.[1];
  if (!head || !tail) return false;
  const joined = `${head}${tail}`.toLowerCase();
  return vocabulary.has(joined) || !vocabulary.has(`${head}-${tail}`.toLowerCase());
}

// Spreadsheet exports (survey answers, interview logs): one section per row, one paragraph per free-text cell.
import { parse } from 'csv-parse/sync';
import { TextBuilder, type ExtractedText } from './extracted-text.js';

/**
 * A CSV with a header row (csv-parse; comma, semicolon or tab). A column is free text when its cells average four
 * words or more; the row's other cells name its section ("R-1002 · Head of Digital · 50-249 · Retail"). Throws on
 * malformed CSV.
 */
export function extractCsv(text: string): ExtractedText {
  const delimiter = [',', ';', '\t'].reduce((best, candidate) => (count(text, candidate) > count(text, best) ? candidate : best));
  const [header = [], ...rows] = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const words = (cell: string | undefined) => (cell ?? '').trim().split(/\s+/).filter(Boolean).length;
  const isText = header.map((_, column) => {
    const cells = rows.map((row) => row[column]).filter((cell) => (cell ?? '').trim() !== '');
    return cells.length > 0 && cells.reduce((sum, cell) => sum + words(cell), 0) / cells.length >= 4;
  });
  const out = new TextBuilder();
  for (const [index, row] of rows.entries()) {
    const where = `row ${index + 2}`;
    const label = row.filter((cell, column) => !isText[column] && cell.trim() !== '' && !/^\d{4}-\d\d-\d\d[ T]\d/.test(cell));
    out.heading(2, label.length > 0 ? label.join(' · ') : `Row ${index + 2}`, where);
    row.forEach((cell, column) => {
      if (isText[column]) out.paragraph(cell, where);
    });
  }
  return out.done();
}

function count(text: string, character: string): number {
  return text.slice(0, 4096).split(character).length;
}

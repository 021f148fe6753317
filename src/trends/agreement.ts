// Agreement of a trend map with a hand-checked table of contributor–trend pairs: precision and recall.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TrendsError } from './trend-list.js';
import type { TrendMap } from './trend-map.js';

/** A hand-checked table (test/fixtures/trends-table.json): the pairs a reader counted, and the ones they doubted. */
export interface TrendTable {
  pairs: { trend: string; file: string; speaker: string }[];
  unsure?: { trend: string; file: string; speaker: string }[];
}

export interface Agreement {
  precision: number;
  recall: number;
  /** Pairs the map counts and the table has (true positives), the map counts alone, the table has alone. */
  agreed: number;
  mapOnly: string[];
  tableOnly: string[];
}

/** Reads a table; TrendsError (one line, naming the file) when it is unreadable or has no `pairs` list. */
export async function readTrendTable(file: string): Promise<TrendTable> {
  let table: Partial<TrendTable>;
  try {
    table = JSON.parse(await readFile(file, 'utf8')) as Partial<TrendTable>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TrendsError(`Cannot read the table ${file} (${reason}). Give a JSON file like test/fixtures/trends-table.json.`, { cause: error });
  }
  if (!Array.isArray(table.pairs)) throw new TrendsError(`The table ${file} has no "pairs" list of {trend, file, speaker}.`);
  return table as TrendTable;
}

/**
 * Precision and recall of the map's pairs against the table's. Files are compared by base name. With
 * `skipUnsure`, pairs the table marks unsure count neither way.
 */
export function agreement(map: Pick<TrendMap, 'entries'>, table: TrendTable, skipUnsure = false): Agreement {
  const key = (trend: string, file: string, speaker: string) => `${trend} · ${speaker} · ${path.basename(file)}`;
  const unsure = new Set(skipUnsure ? (table.unsure ?? []).map((pair) => key(pair.trend, pair.file, pair.speaker)) : []);
  const expected = new Set(table.pairs.map((pair) => key(pair.trend, pair.file, pair.speaker)).filter((pair) => !unsure.has(pair)));
  const found = new Set(
    map.entries
      .flatMap(({ trend, evidence }) => evidence.map(({ contributor }) => key(trend.id, contributor.file, contributor.speaker)))
      .filter((pair) => !unsure.has(pair)),
  );
  const agreed = [...found].filter((pair) => expected.has(pair)).length;
  return {
    precision: found.size === 0 ? 0 : agreed / found.size,
    recall: expected.size === 0 ? 0 : agreed / expected.size,
    agreed,
    mapOnly: [...found].filter((pair) => !expected.has(pair)).sort(),
    tableOnly: [...expected].filter((pair) => !found.has(pair)).sort(),
  };
}

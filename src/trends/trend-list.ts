// The trends a corpus is mapped against: a reviewable YAML file (corpus/trends.yml, or TRENDS_FILE), validated.
import { TrendbotError } from '../errors.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export interface Trend {
  /** kebab-case, stable: used in button values and `ask --json`. */
  id: string;
  /** Display name ("Live video"). */
  name: string;
  /** One sentence: what a passage must talk about to count for the trend. */
  description: string;
  /** Short phrases a marketer might type ("ABM", "live streaming"). */
  seeds: string[];
}

export interface TrendList {
  trends: Trend[];
  /** The file read, for messages. */
  file: string;
  /** sha256 of the file: a changed list means a new map. */
  hash: string;
}

export class TrendsError extends TrendbotError<'trends_invalid'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('trends_invalid', message, options);
  }
}

// The list shipped with the bundled corpus; its descriptions are generic, so it is the default for any corpus.
export const BUNDLED_TRENDS_FILE = fileURLToPath(new URL('../../corpus/trends.yml', import.meta.url));

const schema = z.object({
  trends: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
        name: z.string().trim().min(1).max(60),
        description: z.string().trim().min(10).max(400),
        seeds: z.array(z.string().trim().min(1)).max(8).default([]),
      }),
    )
    .min(1),
});

/** The trend file for a corpus: TRENDS_FILE when set, else `trends.yml` in the corpus folder, else the bundled list. */
export function trendsFileFor(corpusDir: string, configured?: string): string {
  if (configured) return configured;
  const own = path.join(corpusDir, 'trends.yml');
  return existsSync(own) ? own : BUNDLED_TRENDS_FILE;
}

/** Reads and validates a trend file; TrendsError (one line, naming the file and the entry) when it is unreadable or invalid. */
export async function loadTrends(file: string): Promise<TrendList> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TrendsError(
      `Cannot read the trend list ${file} (${(error as NodeJS.ErrnoException).code}). Set TRENDS_FILE to a YAML file of trends, or unset it.`,
      { cause: error },
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new TrendsError(`The trend list ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TrendsError(`The trend list ${file} is invalid at ${issue.path.join('.')}: ${issue.message}.`);
  }
  const ids = parsed.data.trends.map(({ id }) => id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new TrendsError(`The trend list ${file} lists the trend "${repeated}" twice.`);
  return { trends: parsed.data.trends, file, hash: createHash('sha256').update(text).digest('hex') };
}

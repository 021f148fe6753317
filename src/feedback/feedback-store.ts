// 👍/👎 votes as JSON lines: appended as they come, read back with a user's latest vote per answer winning.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface FeedbackEntry {
  /** ISO time of the click. */
  time: string;
  /** Slack user id of the voter. */
  user: string;
  vote: 'up' | 'down';
  answerId: string;
  /** Undefined when the answer was no longer remembered (e.g. after a restart). */
  question?: string;
  standaloneQuestion?: string;
  /** The quotes the message showed, in order. */
  quotes: { text: string; file: string; start: number; end: number }[];
}

export interface FeedbackStore {
  record(entry: FeedbackEntry): Promise<void>;
  /** One entry per user and answer: the latest vote. */
  list(): Promise<FeedbackEntry[]>;
}

export class JsonLinesFeedbackStore implements FeedbackStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async record(entry: FeedbackEntry): Promise<void> {
    // Serialize appends so concurrent clicks never interleave within a line.
    const write = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  async list(): Promise<FeedbackEntry[]> {
    return readFeedbackFile(this.file);
  }
}

export async function readFeedbackFile(file: string): Promise<FeedbackEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const latest = new Map<string, FeedbackEntry>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: FeedbackEntry;
    try {
      entry = JSON.parse(line) as FeedbackEntry;
    } catch {
      continue; // a line cut short by a crash: skip it rather than lose the rest
    }
    const key = `${entry.answerId}\0${entry.user}`;
    latest.delete(key);
    latest.set(key, entry);
  }
  return [...latest.values()];
}

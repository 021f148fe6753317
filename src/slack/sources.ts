// The corpus documents as `/trend sources` lists them: title, year and how many people contribute quotes.
import { isPublisherFraming } from '../corpus/types.js';

export interface SourceSummary {
  file: string;
  title: string;
  year?: number;
  /** Distinct speakers quoted in the document, not counting the publisher's own framing text. */
  contributors: number;
}

interface PassageLike {
  file: string;
  title: string;
  year?: number;
  publisher?: string;
  speaker: string;
}

export function summarizeSources(passages: readonly PassageLike[]): SourceSummary[] {
  const byFile = new Map<string, { title: string; year?: number; speakers: Set<string> }>();
  for (const passage of passages) {
    const entry = byFile.get(passage.file) ?? { title: passage.title, year: passage.year, speakers: new Set<string>() };
    if (!isPublisherFraming(passage)) entry.speakers.add(passage.speaker);
    byFile.set(passage.file, entry);
  }
  return [...byFile]
    .map(([file, { title, year, speakers }]) => ({ file, title, year, contributors: Math.max(1, speakers.size) }))
    .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.title.localeCompare(b.title));
}

// Finds the [n] citations of a model's answer; the pure half of verification that concerns passage numbers.

/** One bracketed citation such as [2] or [1, 3], located in the text. */
export interface CitationGroup {
  /** Offsets of the brackets in the text: text.slice(start, end) === '[1, 3]'. */
  start: number;
  end: number;
  /** The numbers as written, 1-based passage numbers when valid. */
  numbers: number[];
}

const CITATION = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;

export function findCitations(text: string): CitationGroup[] {
  return [...text.matchAll(CITATION)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    numbers: match[1]!.split(/[,;]/).map((part) => Number(part.trim())),
  }));
}

/** Whether n names one of `passageCount` passages numbered from 1. */
export function isValidCitation(n: number, passageCount: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= passageCount;
}

/** "[a][b]" for the given numbers, each mapped to its new number, without repeats; '' when none is left. */
export function formatCitations(numbers: number[], renumber: ReadonlyMap<number, number>): string {
  const mapped = [...new Set(numbers.flatMap((n) => (renumber.has(n) ? [renumber.get(n)!] : [])))];
  return mapped.map((n) => `[${n}]`).join('');
}

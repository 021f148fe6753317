// How widespread a view is, from the trend map: counts per year and the sentence that says them.
import type { Trend } from './trend-list.js';
import type { Contributor, TrendEvidence, TrendMap } from './trend-map.js';

export interface ConsensusGroup {
  year?: number;
  /** What the contributors of this year are ("CMOs", "blog posts", else "contributors"). */
  noun: string;
  counted: number;
  total: number;
}

export interface Consensus {
  trend: Trend;
  /** One per counted contributor: the count and the quotes always agree. */
  evidence: TrendEvidence[];
  /** Contributors counted, and all contributors, across the corpus. */
  counted: number;
  total: number;
  /** Per year, oldest first. */
  groups: ConsensusGroup[];
}

/** The consensus on one trend of the map; undefined for an id the map does not have. */
export function consensusOn(map: Pick<TrendMap, 'entries' | 'contributors'>, trendId: string): Consensus | undefined {
  const entry = map.entries.find(({ trend }) => trend.id === trendId);
  if (!entry) return undefined;
  const groups = groupByYear(map.contributors).map(({ year, members }) => ({
    year,
    noun: nounFor(members),
    counted: entry.evidence.filter(({ contributor }) => contributor.year === year).length,
    total: members.length,
  }));
  return { trend: entry.trend, evidence: entry.evidence, counted: entry.evidence.length, total: map.contributors.length, groups };
}

/** "8 of the 21 CMOs (2017) and 1 of the 2 blog posts (2014) speak to personalization." */
export function consensusLine(consensus: Consensus): string {
  const topic = displayName(consensus.trend);
  if (consensus.counted === 0) return `None of the ${consensus.total} contributors speaks to ${topic}.`;
  const parts = [...consensus.groups].reverse().map(groupPhrase);
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const verb = consensus.counted === 1 && parts.length === 1 ? 'speaks' : 'speak';
  return `${capitalize(list)} ${verb} to ${topic}.`;
}

function groupPhrase({ counted, total, noun, year }: ConsensusGroup): string {
  const when = year === undefined ? '' : ` (${year})`;
  const one = total === 1 ? singular(noun) : noun;
  if (total === 1) return counted === 1 ? `the ${one}${when}` : `not the ${one}${when}`;
  if (counted === 0) return `none of the ${total} ${noun}${when}`;
  if (counted === total) return total === 2 ? `both ${noun}${when}` : `all ${total} ${noun}${when}`;
  return `${counted} of the ${total} ${noun}${when}`;
}

function groupByYear(contributors: Contributor[]): { year?: number; members: Contributor[] }[] {
  const byYear = new Map<number | undefined, Contributor[]>();
  for (const contributor of contributors) byYear.set(contributor.year, [...(byYear.get(contributor.year) ?? []), contributor]);
  return [...byYear].map(([year, members]) => ({ year, members })).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
}

/** "CMO #3", "CMO at Balabit" → "CMOs"; "blog post" → "blog posts"; mixed kinds → "contributors". */
function nounFor(members: Contributor[]): string {
  const kinds = new Set(members.map(({ speaker }) => speaker.replace(/\s+(#\d+|at\s.+)$/, '')));
  const [kind] = kinds;
  return kinds.size === 1 && kind && /^[\w ]{1,30}$/.test(kind) ? `${kind}s` : 'contributors';
}

function singular(noun: string): string {
  return noun.endsWith('s') ? noun.slice(0, -1) : noun;
}

/** "Live video" → "live video"; "AI, machine learning & bots" stays as it is. */
export function displayName(trend: Trend): string {
  return /^[A-Z][a-z]/.test(trend.name) ? trend.name[0]!.toLowerCase() + trend.name.slice(1) : trend.name;
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

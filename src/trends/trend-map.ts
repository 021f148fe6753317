// The trend map: which contributors (one CMO section, one blog post) speak to which trend, each with the passage
// that justifies it. Decided by the embedding model, against the corpus's own background (trend-map.md in the README).
import { isPublisherFraming, type Passage } from '../corpus/types.js';
import type { PassageStore } from '../retrieval/passage-store.js';
import type { SourcePassage } from '../retrieval/open-store.js';
import type { Trend } from './trend-list.js';

/** Who can speak to a trend: one speaker of one document (the publisher's own framing is not a contributor). */
export interface Contributor {
  file: string;
  speaker: string;
  title: string;
  year?: number;
}

export interface TrendEvidence {
  contributor: Contributor;
  /** The contributor's passage that speaks to the trend most clearly, verbatim with its offsets. */
  passage: Passage;
  /** Similarity above the corpus background; at least the embedder's `trendLift`. */
  score: number;
}

export interface TrendMapEntry {
  trend: Trend;
  /** Counted contributors, best evidence first. */
  evidence: TrendEvidence[];
}

export interface TrendMap {
  /** Trends by number of contributors, most first (ties in list order). */
  entries: TrendMapEntry[];
  /** Every contributor of the corpus, in corpus order: the denominators of every count. */
  contributors: Contributor[];
  /** Each phrasing of each trend with its embedding, to match questions to trends. */
  phrasings: { trendId: string; text: string; vector: number[] }[];
}

// A passage speaks to a trend when its cosine similarity to one of the trend's phrasings (name and description,
// name, a seed) beats that phrasing's corpus background by the embedder's `trendLift`, calibrated against the
// hand-checked table test/fixtures/trends-table.json: precision first (a count must not overclaim). README: the curve.
// The background of a phrasing: the similarity of the passage at this rank share (the 90th percentile of the corpus),
// capped so that a very large corpus stays cheap to map (then the background is a little stricter).
const BACKGROUND_SHARE = 0.1;
const MAX_BACKGROUND_RANK = 5000;

/** One speaker per file and speaker, skipping the publisher's own introduction and closing. */
export function contributorsOf(sources: readonly SourcePassage[]): Contributor[] {
  const seen = new Map<string, Contributor>();
  for (const source of sources) {
    if (isPublisherFraming(source)) continue;
    const { file, speaker, title, year } = source;
    const key = `${file}\n${speaker}`;
    if (!seen.has(key)) seen.set(key, { file, speaker, title, year });
  }
  return [...seen.values()];
}

/** The texts a trend is recognised by: name and description together, the name alone, each seed. */
export function phrasingsOf(trend: Trend): string[] {
  return [`${trend.name}: ${trend.description}`, trend.name, ...trend.seeds];
}

/**
 * Maps every trend over the store's passages. Every phrasing is embedded first, in one `embedQueries` call. Then per
 * phrasing: one nearest-neighbour search of BACKGROUND_SHARE of the corpus (its last hit is the background; any
 * passage that beats it by the threshold is among the hits). A contributor counts when one of their passages does;
 * that passage is the evidence.
 */
export async function computeTrendMap(
  store: PassageStore,
  sources: readonly SourcePassage[],
  trends: Trend[],
  passageCount: number,
  threshold = store.embedder.calibration.trendLift,
): Promise<TrendMap> {
  const contributors = contributorsOf(sources);
  const byKey = new Map(contributors.map((contributor) => [`${contributor.file}\n${contributor.speaker}`, contributor]));
  const rank = Math.max(1, Math.min(MAX_BACKGROUND_RANK, Math.ceil(passageCount * BACKGROUND_SHARE)));
  // One call: an OpenAI-compatible embedder sends a request per batch of phrasings, not one per phrasing.
  const vectors = await store.embedder.embedQueries(trends.flatMap(phrasingsOf));
  const entries: TrendMapEntry[] = [];
  const phrasings: TrendMap['phrasings'] = [];
  for (const trend of trends) {
    const best = new Map<Contributor, TrendEvidence>();
    for (const text of phrasingsOf(trend)) {
      const vector = vectors[phrasings.length]!;
      phrasings.push({ trendId: trend.id, text, vector });
      const hits = await store.nearest(vector, rank, {});
      const background = hits.at(-1)?.score ?? 1;
      for (const { passage, score } of hits) {
        const contributor = byKey.get(`${passage.file}\n${passage.speaker}`);
        const lift = score - background;
        if (!contributor || lift < threshold || lift <= (best.get(contributor)?.score ?? -Infinity)) continue;
        best.set(contributor, { contributor, passage, score: lift });
      }
    }
    entries.push({ trend, evidence: [...best.values()].sort((a, b) => b.score - a.score) });
  }
  entries.sort((a, b) => b.evidence.length - a.evidence.length);
  return { entries, contributors, phrasings };
}

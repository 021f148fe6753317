// Hybrid retrieval: BM25 and dense search fused by rank, kept only above a relevance floor, diversified by speaker.
import type { Passage } from '../corpus/types.js';
import { LsaEmbedder } from './embedders/lsa-embedder.js';
import { reciprocalRankFusion } from './fuse.js';
import type { SearchIndex } from './search-index.js';
import { tokenize } from './tokenize.js';

export interface SearchQuery {
  /** What the user asked. */
  question: string;
  /** Earlier questions of the conversation, most recent last: they lend their topic at a lower weight. */
  context?: string[];
}

export interface RetrieveOptions {
  /** How many passages at most. */
  k?: number;
  /** Only passages of documents of this year. */
  year?: number;
  /** Only passages of this corpus file (path as in Passage.file, or its base name). */
  file?: string;
}

export interface Hit {
  passage: Passage;
  /** Fused reciprocal-rank score, higher is better. */
  score: number;
  /** Share (0…1) of the query's idf-weighted terms found in the passage. */
  lexicalCoverage: number;
  /** Cosine similarity (-1…1) of query and passage vectors, discounted by the share of the query the embedder knows. */
  denseConfidence: number;
}

export const DEFAULT_K = 5;
// Candidates drawn from each ranking before fusion.
const CANDIDATES = 50;
// Weight of a term that only comes from the conversation's earlier questions.
const CONTEXT_WEIGHT = 0.5;
// The relevance floor: a passage is evidence when it holds at least half of what the question is about, or is
// close enough in the embedding space. Measured on the dev questions (see README), not tuned per question.
const MIN_LEXICAL_COVERAGE = 0.5;
const MIN_DENSE_CONFIDENCE = 0.45;
// Diversity: at most this many passages from one speaker of one document.
const MAX_PER_SPEAKER = 2;

export async function retrieve(index: SearchIndex, query: SearchQuery, options: RetrieveOptions = {}): Promise<Hit[]> {
  const k = options.k ?? DEFAULT_K;
  const weights = queryTermWeights(query);
  if (weights.size === 0) return [];
  const accept = passageFilter(index.passages, options);

  const lexical = index.bm25.search(weights, CANDIDATES, accept);
  const queryText = [query.question, ...(query.context ?? [])].join('\n');
  const queryVector = await index.embedder.embedQuery(queryText);
  const dense = await index.nearest(queryVector, CANDIDATES, accept);

  const fused = reciprocalRankFusion([lexical.map((hit) => hit.index), dense.map((hit) => hit.index)]);
  const similarity = new Map(dense.map((hit) => [hit.index, hit.similarity]));
  const known = knownShare(index, weights);

  const hits: Hit[] = [];
  for (const [passageIndex, score] of fused) {
    const passage = index.passages[passageIndex]!;
    hits.push({
      passage,
      score,
      lexicalCoverage: lexicalCoverage(index, weights, passage.text),
      denseConfidence: (similarity.get(passageIndex) ?? 0) * known,
    });
  }
  hits.sort((a, b) => b.score - a.score);
  return diversify(hits.filter(isEvidence), k);
}

export function isEvidence(hit: Hit): boolean {
  return hit.lexicalCoverage >= MIN_LEXICAL_COVERAGE || hit.denseConfidence >= MIN_DENSE_CONFIDENCE;
}

/** The question's terms at weight 1, the earlier questions' terms at a lower weight. */
export function queryTermWeights(query: SearchQuery): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of tokenize(query.question)) weights.set(term, 1);
  for (const earlier of query.context ?? []) {
    for (const term of tokenize(earlier)) if (!weights.has(term)) weights.set(term, CONTEXT_WEIGHT);
  }
  return weights;
}

function lexicalCoverage(index: SearchIndex, weights: Map<string, number>, text: string): number {
  const present = new Set(tokenize(text));
  let found = 0;
  let total = 0;
  for (const [term, weight] of weights) {
    const mass = weight * index.bm25.idf(term);
    total += mass;
    if (present.has(term)) found += mass;
  }
  return total === 0 ? 0 : found / total;
}

/** Share of the query's weight the embedder can see: the local model is blind to words the corpus never uses. */
function knownShare(index: SearchIndex, weights: Map<string, number>): number {
  const embedder = index.embedder;
  if (!(embedder instanceof LsaEmbedder)) return 1;
  let known = 0;
  let total = 0;
  for (const [term, weight] of weights) {
    const mass = weight * index.bm25.idf(term);
    total += mass;
    if (embedder.knows(term)) known += mass;
  }
  return total === 0 ? 0 : known / total;
}

function passageFilter(passages: Passage[], options: RetrieveOptions): ((index: number) => boolean) | undefined {
  const { year, file } = options;
  if (year === undefined && file === undefined) return undefined;
  return (index) => {
    const passage = passages[index]!;
    if (year !== undefined && passage.year !== year) return false;
    if (file !== undefined && passage.file !== file && !passage.file.endsWith(`/${file}`)) return false;
    return true;
  };
}

/** Best first, without repeated texts, and at most a few passages from any one speaker. */
function diversify(hits: Hit[], k: number): Hit[] {
  const chosen: Hit[] = [];
  const perSpeaker = new Map<string, number>();
  const texts = new Set<string>();
  for (const hit of hits) {
    const speakerKey = `${hit.passage.file}\0${hit.passage.speaker}`;
    const count = perSpeaker.get(speakerKey) ?? 0;
    if (count >= MAX_PER_SPEAKER || texts.has(hit.passage.text)) continue;
    perSpeaker.set(speakerKey, count + 1);
    texts.add(hit.passage.text);
    chosen.push(hit);
    if (chosen.length === k) break;
  }
  return chosen;
}

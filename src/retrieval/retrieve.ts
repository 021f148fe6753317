// Hybrid retrieval: BM25 and dense search fused by rank, kept only above a relevance floor, diversified by speaker.
import type { AcronymMap } from './acronyms.js';
import { termsNarrowedByUnknownWords } from './compounds.js';
import { reciprocalRankFusion } from './fuse.js';
import { GLOSSARY } from './glossary.js';
import type { Passage } from '../corpus/types.js';
import type { PassageFilter, PassageStore, ScoredPassage, TermStats } from './passage-store.js';
import { specificity } from './term-specificity.js';
import { contentWords, tokenize } from './tokenize.js';

export interface SearchQuery {
  /** What the user asked. */
  question: string;
  /** Earlier questions of the conversation, most recent last: they lend their topic at a lower weight. */
  context?: string[];
}

export interface RetrieveOptions extends PassageFilter {
  /** How many passages at most. */
  k?: number;
  /** Which rankings to fuse: both by default; one alone for comparison in the eval and benchmarks. */
  retriever?: Retriever;
}

export type Retriever = 'hybrid' | 'bm25' | 'dense';

export interface Hit {
  passage: Passage;
  /** Fused reciprocal-rank score, higher is better. */
  score: number;
  /** Share (0…1) of the query's idf-weighted terms found in the passage. */
  lexicalCoverage: number;
  /** How many of the query's concepts the passage contains. */
  matchedTerms: number;
  /** Cosine similarity (-1…1) of query and passage vectors (0 when the passage was not among the dense candidates). */
  similarity: number;
}

export const DEFAULT_K = 5;
// Candidates drawn from each ranking before fusion.
const CANDIDATES = 50;
// Weight of a term that only comes from the conversation's earlier questions.
const CONTEXT_WEIGHT = 0.5;
// The relevance floor: a passage is evidence when it holds at least half of the question's weighted terms, or when
// it shares two of them and the embedding agrees. One shared word is not enough: "the best recipe for chocolate
// cake" must not be answered with a passage that merely says "best".
const MIN_LEXICAL_COVERAGE = 0.5;
const MIN_SHARED_TERMS = 2;
const MIN_SIMILARITY = 0.55;
// Diversity: this many passages from one speaker of one document come before anyone else's further passages.
const MAX_PER_SPEAKER = 2;

export async function retrieve(store: PassageStore, query: SearchQuery, options: RetrieveOptions = {}): Promise<Hit[]> {
  const k = options.k ?? DEFAULT_K;
  const concepts = queryConcepts(query, store.acronyms);
  if (concepts.length === 0) return [];
  const filter: PassageFilter = { year: options.year, file: options.file };

  const retriever = options.retriever ?? 'hybrid';
  const queryText = [query.question, ...(query.context ?? [])].join('\n');
  const [lexical, dense, stats] = await Promise.all([
    retriever === 'dense' ? [] : store.lexical(bm25Weights(concepts), CANDIDATES, filter),
    retriever === 'bm25' ? [] : store.embedder.embedQuery(queryText).then((vector) => store.nearest(vector, CANDIDATES, filter)),
    store.termStats(concepts.map((concept) => concept.term)),
  ]);

  const byId = new Map([...lexical, ...dense].map(({ passage }) => [passage.id, passage]));
  const ranked = (list: ScoredPassage[]) => list.map(({ passage }) => passage.id);
  const fused = reciprocalRankFusion([ranked(lexical), ranked(dense)]);
  const similarity = new Map(dense.map(({ passage, score }) => [passage.id, score]));
  const narrowed = termsNarrowedByUnknownWords([query.question, ...(query.context ?? [])], (term) => stats.get(term)!.documentFrequency > 0);

  const hits: Hit[] = [];
  for (const [id, score] of fused) {
    const passage = byId.get(id)!;
    hits.push({ passage, score, ...conceptOverlap(stats, concepts, narrowed, passage.text), similarity: similarity.get(id) ?? 0 });
  }
  hits.sort((a, b) => b.score - a.score);
  return diversify(hits.filter(isEvidence), k);
}

/** The question's words that no passage uses, as the user wrote them: what the corpus cannot speak to. */
export async function wordsTheCorpusLacks(store: PassageStore, question: string): Promise<string[]> {
  const words = contentWords(question);
  const stats = await store.termStats(words.map(({ term }) => term));
  return [...new Set(words.filter(({ term }) => stats.get(term)!.documentFrequency === 0).map(({ word }) => word))];
}

export function isEvidence(hit: Hit): boolean {
  return hit.lexicalCoverage >= MIN_LEXICAL_COVERAGE || (hit.matchedTerms >= MIN_SHARED_TERMS && hit.similarity >= MIN_SIMILARITY);
}

/** One thing the query asks about: a term, with the acronym or long form that means the same. */
export interface Concept {
  /** The query's own term. */
  term: string;
  /** Ways a passage can cover the concept: the term itself, an acronym, or every term of a long form. */
  alternatives: string[][];
  /** How specific the word is in everyday English (0.1…1), halved for terms borrowed from earlier questions. */
  weight: number;
}

/** The question's terms, then the earlier questions' terms at a lower weight, each with its equivalents. */
export function queryConcepts(query: SearchQuery, corpusAcronyms: AcronymMap): Concept[] {
  const acronyms = { ...GLOSSARY, ...corpusAcronyms };
  const concepts = new Map<string, Concept>();
  const add = (text: string, weight: number) => {
    for (const { word, term } of contentWords(text)) {
      if (concepts.has(term)) continue;
      // Own keys only: a question may well contain "constructor".
      const longForm = Object.hasOwn(acronyms, term) ? acronyms[term] : undefined;
      const shortForms = Object.entries(acronyms)
        .filter(([, long]) => long.includes(term))
        .map(([acronym]) => acronym);
      const alternatives = [[term], ...(longForm ? [longForm] : []), ...shortForms.map((acronym) => [acronym])];
      concepts.set(term, { term, alternatives, weight: weight * specificity(word) });
    }
  };
  add(query.question, 1);
  for (const earlier of query.context ?? []) add(earlier, CONTEXT_WEIGHT);
  return [...concepts.values()];
}

function bm25Weights(concepts: Concept[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { alternatives, weight } of concepts) {
    for (const term of alternatives.flat()) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}

// A concept narrowed by a word the corpus never uses ("radio advertising") is not what passages about plain
// "advertising" speak to, so it counts as missing from every passage.
function conceptOverlap(stats: Map<string, TermStats>, concepts: Concept[], narrowed: Set<string>, text: string) {
  const present = new Set(tokenize(text));
  let found = 0;
  let total = 0;
  let matchedTerms = 0;
  for (const { term, alternatives, weight } of concepts) {
    const mass = weight * stats.get(term)!.idf;
    total += mass;
    if (!narrowed.has(term) && alternatives.some((alternative) => alternative.every((part) => present.has(part)))) {
      found += mass;
      matchedTerms += 1;
    }
  }
  return { lexicalCoverage: total === 0 ? 0 : found / total, matchedTerms };
}

/** Best first without repeated texts; a speaker gets more than a few places only when nobody else is left. */
function diversify(hits: Hit[], k: number): Hit[] {
  const unique = hits.filter((hit, i) => hits.findIndex((other) => other.passage.text === hit.passage.text) === i);
  const perSpeaker = new Map<string, number>();
  const first: Hit[] = [];
  const rest: Hit[] = [];
  for (const hit of unique) {
    const speakerKey = `${hit.passage.file}\0${hit.passage.speaker}`;
    const count = perSpeaker.get(speakerKey) ?? 0;
    perSpeaker.set(speakerKey, count + 1);
    (count < MAX_PER_SPEAKER ? first : rest).push(hit);
  }
  return [...first, ...rest].slice(0, k);
}

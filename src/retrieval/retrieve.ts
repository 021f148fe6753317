// Hybrid retrieval: BM25 (typo-tolerant) and dense search propose candidates; the sentence-embedding model picks
// which are evidence (cosine similarity above a calibrated floor) and in what order; the cross-encoder reranker, when
// there is one (by default), says whether any of it answers the question at all; then the evidence is diversified by
// speaker.
import { asksForQuantity, namesIn, statesQuantity } from './answerability.js';
import type { Passage } from '../corpus/types.js';
import type { PassageFilter, PassageStore, ScoredPassage } from './passage-store.js';
import { asksForEverything, speakerNamedIn } from './speakers.js';
import { contentWords, tokenize, withoutBotWords } from './tokenize.js';
import { closeTerms, isEnglishWord } from './typos.js';
import { ModelError } from './models/local-model.js';
import type { Reranker } from './reranker/reranker.js';

export interface SearchQuery {
  /** What the user asked. */
  question: string;
  /** Earlier questions whose topic the question borrows, most recent last (empty for a question that stands alone). */
  context?: string[];
  /** The follow-up's own new topic ("radio" in "What about radio?"): every passage must be about it too. */
  ownTopic?: string;
}

export interface RetrieveOptions extends PassageFilter {
  /** How many passages at most. */
  k?: number;
  /** Where candidates come from: both searches by default, one alone for comparison in the eval and benchmarks. */
  retriever?: Retriever;
  /** Who decides what is evidence: `defaultJudge(store)` unless given; others are for calibration and comparison. */
  judge?: Judge;
}

/**
 * Who decides what is evidence:
 * - `cosine`: the embedder's cosine similarity against a floor;
 * - `gated`: the same floor picks and orders the evidence, and the reranker gates it: the question is answered only
 *   when the reranker gives one of the GATE_CANDIDATES best passages of that evidence at least `minRelevance` (0…1);
 * - `reranker`: the reranker's probability that a passage answers, against a threshold, picks and orders it.
 */
export type Judge =
  { kind: 'cosine'; minSimilarity: number } | { kind: 'gated'; minSimilarity: number; minRelevance: number } | { kind: 'reranker'; minRelevance: number };

export type Retriever = 'hybrid' | 'bm25' | 'dense';

export interface Hit {
  passage: Passage;
  /** Ranking score: similarity plus LEXICAL_WEIGHT × the passage's BM25 score relative to the best (0…1); with a reranker, its probability (0…1). */
  score: number;
  /** Cosine similarity (-1…1) of the question's and the passage's embeddings. */
  similarity: number;
}

export const DEFAULT_K = 5;
// Candidates drawn from each search. A passage outside the dense top 50 is less similar than the 50th, so with fewer
// than 50 passages above the floor it could not pass it anyway.
const CANDIDATES = 50;
/** With a reranker (RERANKER_MODEL), the least probability the gate asks of the evidence; chosen on the tuning sets (README). */
export const MIN_GATE_RELEVANCE = 0.25;
// The gate reads the evidence best first until a passage answers (~17 ms each), at most this many: 6 and 12 gave the
// same answers on the tuning sets but one, and an unanswerable question costs half as much.
const GATE_CANDIDATES = 6;
/** The reranker alone (`judge: { kind: 'reranker' }`): the least probability that a passage answers. */
export const MIN_RELEVANCE = 0.5;
/** With a reranker: a follow-up's own topic must be at least this likely to be what a passage is about. */
export const MIN_OWN_TOPIC_RELEVANCE = 0.1;
// With a reranker: how many of the candidates, fused by reciprocal rank (1 / (RRF_K + rank)), it reads (~17 ms each).
const RERANK_CANDIDATES = 12;
const RRF_K = 60;
// Among passages about equally close, the one that uses the question's own words comes first.
const LEXICAL_WEIGHT = 0.05;
// Weight of a BM25 term that only comes from the conversation's earlier questions, or that is a corpus word one or
// two typing slips from a question word the corpus lacks.
const CONTEXT_WEIGHT = 0.5;
const TYPO_WEIGHT = 0.8;
// A question of at most this many search terms is a bare topic ("radio", "print ads", "what about podcasts?").
const BARE_TOPIC_TERMS = 2;
// Diversity: this many passages from one speaker of one document come before anyone else's further passages.
const MAX_PER_SPEAKER = 2;

/** Evidence for the query, best first, at most k. Empty when nothing in the store can answer it. */
export async function retrieve(store: PassageStore, query: SearchQuery, options: RetrieveOptions = {}): Promise<Hit[]> {
  const k = options.k ?? DEFAULT_K;
  const retriever = options.retriever ?? 'hybrid';
  const context = query.context ?? [];
  const speakers = await store.speakers();
  const mention = speakerNamedIn(query.question, speakers);
  // A contributor's name says whose passages to search, not what about: the search is for the rest of the question.
  const question = mention ? mention.rest : query.question;
  // A name the corpus never uses ("TikTok", "GDPR") is something no passage can speak to; the words of its speakers'
  // credits ("VP Growth at Saltmarsh Software") are the corpus's too.
  const credited = speakerTerms(speakers);
  const names = namesIn(question).filter(({ term }) => !credited.has(term));
  if (names.length > 0 && [...(await store.termStats(names.map(({ term }) => term))).values()].some((stats) => stats.documentFrequency === 0)) return [];
  const filter: PassageFilter = { year: options.year, file: options.file, speakers: mention?.speakers, language: options.language };

  // A follow-up searches for the mean of its own and the conversation's embeddings: each keeps its say, whereas one
  // text of both is dominated by the longer earlier question.
  const [questionVector, contextVector, ownVector] = await Promise.all([
    store.embedder.embedQuery(question),
    context.length > 0 ? store.embedder.embedQuery(context.join('\n')) : undefined,
    query.ownTopic ? store.embedder.embedQuery(query.ownTopic) : undefined,
  ]);
  const vector = contextVector ? normalize(questionVector.map((value, i) => value + contextVector[i]!)) : questionVector;
  // The dense search always runs: its similarities are the relevance decision, whichever search found a candidate.
  const [lexical, dense, ownTopic] = await Promise.all([
    retriever === 'dense' ? [] : store.lexical(await bm25Weights(store, question, context), CANDIDATES, filter),
    store.nearest(vector, CANDIDATES, filter),
    ownVector ? store.nearest(ownVector, CANDIDATES, filter) : undefined,
  ]);
  // "What did CMO #7 say?": all of theirs is evidence, in the order they said it.
  if (mention && asksForEverything(mention)) {
    return dense
      .map(({ passage, score }) => ({ passage, score, similarity: score }))
      .sort((a, b) => a.passage.start - b.passage.start)
      .slice(0, k);
  }

  const judge = options.judge ?? defaultJudge(store);
  const { minOwnTopicSimilarity } = store.embedder.calibration;
  if (judge.kind === 'reranker') return diversify(await rerank(store, query, lexical, retriever === 'bm25' ? [] : dense, judge.minRelevance), k);
  const similarity = new Map(dense.map(({ passage, score }) => [passage.id, score]));
  const ownSimilarity = ownTopic && new Map(ownTopic.map(({ passage, score }) => [passage.id, score]));
  const bestBm25 = Math.max(...lexical.map(({ score }) => score));
  const bm25 = new Map(lexical.map(({ passage, score }) => [passage.id, score / bestBm25]));
  const candidates = retriever === 'bm25' ? lexical : retriever === 'dense' ? dense : [...lexical, ...dense];
  const quantity = asksForQuantity(query.question);
  // Among one named contributor's passages the question's topic only has to be theirs: the floor a follow-up's own
  // topic must reach (or a cosine judge's lower one), not the one that picks evidence from the whole corpus. The gate,
  // trained without speakers, does not judge there, nor lower that floor.
  const ownFloor = judge.kind === 'cosine' ? Math.min(judge.minSimilarity, minOwnTopicSimilarity) : minOwnTopicSimilarity;
  const floor = mention ? ownFloor : judge.minSimilarity;
  const hits = new Map<string, Hit>();
  for (const { passage } of candidates) {
    const cosine = similarity.get(passage.id);
    if (hits.has(passage.id) || cosine === undefined || cosine < floor) continue;
    if (ownSimilarity && (ownSimilarity.get(passage.id) ?? -1) < minOwnTopicSimilarity) continue;
    if (quantity && !statesQuantity(passage.text)) continue;
    hits.set(passage.id, { passage, score: cosine + LEXICAL_WEIGHT * (bm25.get(passage.id) ?? 0), similarity: cosine });
  }
  const ranked = [...hits.values()].sort((a, b) => b.score - a.score);
  const evidence = diversify(ranked, k);
  if (judge.kind !== 'gated' || evidence.length === 0 || mention) return evidence;
  // A bare topic none of whose words the corpus uses, nor a typing slip of one ("radio", "chatbots"): no word vouches
  // for the passages close to it (TV spots, for "radio"), so the reranker must, at the threshold it judges by alone.
  const unknownTopic = context.length === 0 && (await isUnknownTopic(store, question));
  const minRelevance = unknownTopic ? Math.max(judge.minRelevance, MIN_RELEVANCE) : judge.minRelevance;
  const answered = await anyAnswers(requireReranker(store), rerankerQuery(gateQuery(query)), ranked.slice(0, GATE_CANDIDATES), minRelevance);
  return answered ? evidence : [];
}

/** Whether the question is a bare topic (at most BARE_TOPIC_TERMS search terms) whose every word the corpus lacks, each an English word or no slip from a corpus term. */
async function isUnknownTopic(store: PassageStore, question: string): Promise<boolean> {
  const words = contentWords(question);
  if (words.length === 0 || words.length > BARE_TOPIC_TERMS) return false;
  const stats = await store.termStats(words.map(({ term }) => term));
  if (words.some(({ term }) => stats.get(term)!.documentFrequency > 0)) return false;
  const vocabulary = await store.vocabulary();
  for (const { word, term } of words) if (!(await isEnglishWord(word)) && closeTerms(term, vocabulary).length > 0) return false;
  return true;
}

/**
 * The judge unless one is given: with the store's reranker, its gate at MIN_GATE_RELEVANCE over the embedder's gate
 * floor; without one, the embedder's cosine floor alone. Floors come from the embedder's calibration.
 */
export function defaultJudge(store: Pick<PassageStore, 'embedder' | 'reranker'>): Judge {
  const { gateFloor, minSimilarity } = store.embedder.calibration;
  return store.reranker ? { kind: 'gated', minSimilarity: gateFloor, minRelevance: MIN_GATE_RELEVANCE } : { kind: 'cosine', minSimilarity };
}

/**
 * What the gate reads: the question and the conversation without who is asked and for what ("What do for B2B
 * marketing?" for "What do CMOs predict for B2B marketing?"): the reranker, trained on questions that seldom name
 * them, doubted every passage when they were there.
 */
function gateQuery(query: SearchQuery): SearchQuery {
  return { question: withoutBotWords(query.question), context: query.context?.map(withoutBotWords) };
}

/** Whether the reranker gives one of the hits at least minRelevance, reading them in order and stopping at the first. */
async function anyAnswers(reranker: Reranker, question: string, hits: Hit[], minRelevance: number): Promise<boolean> {
  for (const { passage } of hits) {
    const [relevance] = await reranker.score(question, [passage.text]);
    if (relevance! >= minRelevance) return true;
  }
  return false;
}

function requireReranker(store: PassageStore): Reranker {
  if (!store.reranker) throw new ModelError('Judging by a reranker needs one: set RERANKER_MODEL to a reranker folder, e.g. models/trendbot-reranker.');
  return store.reranker;
}

// The stems of every speaker credit, per list of speakers (a store returns the same list until it reloads).
const creditTerms = new WeakMap<readonly string[], Set<string>>();

function speakerTerms(speakers: readonly string[]): Set<string> {
  let terms = creditTerms.get(speakers);
  if (!terms) creditTerms.set(speakers, (terms = new Set(speakers.flatMap((speaker) => tokenize(speaker)))));
  return terms;
}

/** The question's words that no passage uses, as the user wrote them: what the corpus cannot speak to. */
export async function wordsTheCorpusLacks(store: PassageStore, question: string): Promise<string[]> {
  const words = contentWords(question);
  const stats = await store.termStats(words.map(({ term }) => term));
  return [...new Set(words.filter(({ term }) => stats.get(term)!.documentFrequency === 0).map(({ word }) => word))];
}

/**
 * BM25 query terms: the question's at weight 1, the conversation's at a lower weight, acronyms with their long
 * forms, and for a question word the corpus lacks, the corpus words one or two typing slips away ("chatbtos" →
 * "chatbots").
 */
export async function bm25Weights(
  store: Pick<PassageStore, 'acronyms' | 'termStats' | 'vocabulary'>,
  question: string,
  context: string[],
): Promise<Map<string, number>> {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => {
    for (const alternative of [term, ...(Object.hasOwn(store.acronyms, term) ? store.acronyms[term]! : [])]) {
      weights.set(alternative, Math.max(weights.get(alternative) ?? 0, weight));
    }
  };
  const own = tokenize(question);
  for (const term of own) add(term, 1);
  for (const earlier of context) for (const term of tokenize(earlier)) add(term, CONTEXT_WEIGHT);
  const stats = await store.termStats(own);
  const unknown = own.filter((term) => stats.get(term)!.documentFrequency === 0);
  if (unknown.length > 0) {
    const vocabulary = await store.vocabulary();
    for (const term of unknown) for (const close of closeTerms(term, vocabulary)) add(close, TYPO_WEIGHT);
  }
  return weights;
}

/** The question as the reranker reads it: a follow-up with the conversation it follows, as it was trained. */
export function rerankerQuery(query: SearchQuery): string {
  const context = query.context ?? [];
  return context.length > 0 ? `${query.question} (following up on: ${context.join(' / ')})` : query.question;
}

/**
 * The reranker's evidence: the best RERANK_CANDIDATES candidates of both searches fused by reciprocal rank, kept
 * when it gives them at least minRelevance (and, for a follow-up's own topic, MIN_OWN_TOPIC_RELEVANCE), most likely first.
 */
async function rerank(store: PassageStore, query: SearchQuery, lexical: ScoredPassage[], dense: ScoredPassage[], minRelevance: number): Promise<Hit[]> {
  const reranker = requireReranker(store);
  const similarity = new Map(dense.map(({ passage, score }) => [passage.id, score]));
  const judged = fuse([lexical, dense]).slice(0, RERANK_CANDIDATES);
  const texts = judged.map(({ text }) => text);
  const [scores, ownTopic] = await Promise.all([
    reranker.score(rerankerQuery(query), texts),
    query.ownTopic ? reranker.score(query.ownTopic, texts) : undefined,
  ]);
  const quantity = asksForQuantity(query.question);
  return judged
    .map((passage, i) => ({ passage, score: scores[i]!, similarity: similarity.get(passage.id) ?? 0 }))
    .filter(
      ({ passage, score }, i) => score >= minRelevance && (!ownTopic || ownTopic[i]! >= MIN_OWN_TOPIC_RELEVANCE) && (!quantity || statesQuantity(passage.text)),
    )
    .sort((a, b) => b.score - a.score);
}

/** Reciprocal rank fusion of rankings: each passage once, by the sum of 1 / (RRF_K + rank) over the rankings it is in. */
export function fuse(rankings: ScoredPassage[][]): Passage[] {
  const fused = new Map<string, { passage: Passage; score: number }>();
  for (const ranking of rankings) {
    ranking.forEach(({ passage }, rank) => {
      const entry = fused.get(passage.id) ?? { passage, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(passage.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score).map(({ passage }) => passage);
}

function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Best first without repeated texts; a speaker gets more than a few places only when nobody else is left. */
export function diversify(hits: Hit[], k: number): Hit[] {
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

// Questions the trend map answers, not top-k retrieval: "How many CMOs mention X?", "Which CMOs talk about X?",
// "Which trends come up most?", "What changed between 2014 and 2017?", and a bare topic ("video", "what about ABM?").
import { consensusLine, consensusOn, displayName, type Consensus } from '../trends/consensus.js';
import type { Passage } from '../corpus/types.js';
import type { PassageStore } from '../retrieval/passage-store.js';
import { DEFAULT_K, retrieve, type RetrieveOptions } from '../retrieval/retrieve.js';
import type { TrendMap } from '../trends/trend-map.js';
import { NO_VERIFICATION, toQuote } from './extractive.js';
import type { Answer, Quote } from './types.js';

type Intent = { kind: 'top' } | { kind: 'compare'; years: [number, number] } | { kind: 'count' | 'which' | 'topic'; topic: string };

// Trends shown in an overview, and quotes per year in a comparison.
const OVERVIEW_TRENDS = 5;
const QUOTES_PER_YEAR = 3;
// Trends named per list in a comparison's lead.
const LISTED_TRENDS = 4;

const WHO = String.raw`(?:cmos?|contributors?|people|experts?|marketers?|(?:marketing )?leaders?|executives?|sources?|authors?|posts?|of them|they)`;
const SPEAK = String.raw`(?:mentions?|talk(?:s|ed)? about|speaks? (?:to|about)|discuss(?:es|ed)?|predict(?:s|ed)?|expects?|think(?:s)? about|bets? on|focus(?:es)? on|cites?|brings? up|raises?|names?|writes? about|says? (?:anything )?about|agrees? (?:on|with|about))`;
// Counts of contributors ("how many CMOs mention…"), not of anything else ("how many tweets are sent…").
const COUNT = new RegExp(
  String.raw`^(?:(?:how many|what (?:share|proportion|percentage|fraction|number) of)\s+(?:of\s+)?(?:the\s+)?${WHO}\b.*?\b${SPEAK}\b|how (?:common|widespread|popular) (?:is|are))\s+(.+)$`,
  'i',
);
const WHICH = new RegExp(String.raw`^(?:(?:which|what)(?: of)?(?: the)? ${WHO}|who(?: else)?)\b.*?\b${SPEAK}\b\s*(.+)$`, 'i');
const TOPIC = new RegExp(
  String.raw`^(?:(?:and |so )?what about|tell me about|(?:what|how) (?:do|does|did|will) (?:the )?${WHO}? ?(?:say|think|predict|expect) (?:about|of|on)|what(?:'s| is) (?:next|new|the trend) (?:for|in|with))\s+(.+)$`,
  'i',
);
const TOP =
  /\b(?:which|what)\b.*\btrends?\b.*\b(?:most|top|biggest|main|common|popular|often)\b|\b(?:top|main|biggest|most (?:common|popular|mentioned|cited|frequent))\s+trends?\b|^(?:trend map|trends|top)$/i;
const COMPARE = /\b(?:chang\w*|differ\w*|compar\w*|versus|vs\.?|evolv\w*|shift\w*)\b/i;
// A bare topic: a few words, no question of its own ("video", "ABM?", "live video in 2017").
const BARE_TOPIC_WORDS = 4;

/** What the question asks of the trend map, if anything. */
export function trendIntent(question: string): Intent | undefined {
  const text = question.trim().replace(/[?!.\s]+$/, '');
  const years = [...text.matchAll(/\b(?:19|20)\d\d\b/g)].map(([year]) => Number(year));
  if (years.length >= 2 && COMPARE.test(text)) return { kind: 'compare', years: [Math.min(...years), Math.max(...years)] };
  if (TOP.test(text)) return { kind: 'top' };
  const count = COUNT.exec(text);
  if (count) return { kind: 'count', topic: topicOf(count[1]!) };
  const which = WHICH.exec(text);
  if (which) return { kind: 'which', topic: topicOf(which[1]!) };
  const topic =
    TOPIC.exec(text)?.[1] ??
    (text.split(/\s+/).length <= BARE_TOPIC_WORDS && !/^(?:who|what|which|how|why|when|where|is|are|do|does|will|can)\b/i.test(text) ? text : undefined);
  return topic ? { kind: 'topic', topic: topicOf(topic) } : undefined;
}

/** "the CMOs predict about live video in 2017" → "live video". */
function topicOf(text: string): string {
  return text
    .replace(/^(?:the |a |an )?(?:trend of |topic of |idea of )?/i, '')
    .replace(/\s+(?:in|for|during|by) (?:(?:19|20)\d\d|this year|next year)$/i, '')
    .replace(/\s+(?:as a trend|at all|too|as well)$/i, '')
    .trim();
}

/**
 * The answer from the trend map; else, for a count or list of a topic no trend covers ("How many CMOs mention
 * radio?"), the topic to search for instead of the whole question; else undefined (retrieval answers the question).
 * Quotes are verbatim, one per counted contributor; for a bare topic ("video") the topic's other passages follow,
 * up to `options.k` quotes in all (the map counts only clear cases).
 */
export async function answerFromTrendMap(
  question: string,
  history: string[],
  map: TrendMap,
  store: PassageStore,
  options: RetrieveOptions = {},
): Promise<{ answer: Answer } | { searchFor: string } | undefined> {
  const intent = trendIntent(question);
  if (!intent) return undefined;
  if (intent.kind === 'top') return { answer: overview(question, map) };
  if (intent.kind === 'compare') return { answer: comparison(question, map, intent.years) };
  // How close (cosine) the topic must be to a trend's name, description or seed: asking outright for a count or a
  // list makes a looser match safe; a bare topic must be the trend ("VR", "live video", "chatbots").
  const { askedTrendMatch, bareTopicMatch } = store.embedder.calibration;
  let match = await matchTrend(intent.topic, map, store, intent.kind === 'topic' ? bareTopicMatch : askedTrendMatch);
  // "How many of them think so?" asks about the topic of the question before.
  const earlier = history.at(-1) && trendIntent(history.at(-1)!);
  if (!match && intent.kind !== 'topic' && earlier && 'topic' in earlier) match = await matchTrend(earlier.topic, map, store, askedTrendMatch);
  const consensus = match && consensusOn(map, match.trendId);
  if (match && consensus) {
    const counted = await closestPassages(consensus, match.topic, store);
    const more = intent.kind === 'topic' ? { topic: intent.topic, hits: await otherPassages(intent.topic, counted, store, options) } : undefined;
    return { answer: consensusAnswer(question, consensus, counted, more) };
  }
  return intent.kind === 'topic' || !intent.topic ? undefined : { searchFor: intent.topic };
}

/** The trend whose phrasing is closest to the topic, if close enough, with the topic's vector. */
async function matchTrend(topic: string, map: TrendMap, store: PassageStore, minimum: number): Promise<{ trendId: string; topic: number[] } | undefined> {
  if (!topic) return undefined;
  const vector = await store.embedder.embedQuery(topic);
  let best: { trendId: string; similarity: number } | undefined;
  for (const { trendId, vector: phrasing } of map.phrasings) {
    const similarity = phrasing.reduce((sum, value, i) => sum + value * vector[i]!, 0);
    if (similarity >= minimum && similarity > (best?.similarity ?? -Infinity)) best = { trendId, similarity };
  }
  return best && { trendId: best.trendId, topic: vector };
}

/** The answer on one trend of the map (a trend-map button): its consensus line and the map's evidence quotes. */
export function answerOnTrend(map: TrendMap, trendId: string): Answer | undefined {
  const consensus = consensusOn(map, trendId);
  return consensus && consensusAnswer(`Which contributors speak to ${displayName(consensus.trend)}?`, consensus, consensus.evidence);
}

/** Per counted contributor, their passage closest to the question's topic (the map's evidence if none), closest first. */
async function closestPassages(consensus: Consensus, topic: number[], store: PassageStore): Promise<Shown[]> {
  const closest = await Promise.all(
    consensus.evidence.map(async (evidence) => {
      const [hit] = await store.nearest(topic, 1, { file: evidence.contributor.file, speakers: [evidence.contributor.speaker] });
      return hit ?? evidence;
    }),
  );
  return closest.sort((a, b) => b.score - a.score);
}

/** A bare topic's other passages, as retrieval finds them, to fill the answer up to `k` quotes. */
async function otherPassages(topic: string, counted: Shown[], store: PassageStore, options: RetrieveOptions): Promise<Shown[]> {
  const shown = new Set(counted.map(({ passage }) => passage.id));
  const room = Math.max(0, (options.k ?? DEFAULT_K) - counted.length);
  return (await retrieve(store, { question: topic }, options)).filter(({ passage }) => !shown.has(passage.id)).slice(0, room);
}

type Shown = { passage: Passage; score: number };

/**
 * The consensus line, then one quote per counted contributor; for a bare topic, its other passages after them, the
 * lead saying which quotes were counted.
 */
function consensusAnswer(question: string, consensus: Consensus, counted: Shown[], more?: { topic: string; hits: Shown[] }): Answer {
  const n = counted.length;
  const tail =
    more && more.hits.length > 0
      ? n === 0
        ? `Passages on “${more.topic}”:`
        : `${n === 1 ? 'Their quote comes first' : `Their ${n} quotes come first`}, then other passages on “${more.topic}”:`
      : n === 0
        ? ''
        : n === 1
          ? 'Their words:'
          : 'One quote from each, clearest first:';
  const years = new Set(consensus.evidence.map(({ contributor }) => contributor.year));
  return {
    ...base(question, `${consensusLine(consensus)}${tail ? ` ${tail}` : ''}`, [...counted, ...(more?.hits ?? [])].map(toQuote)),
    consensus: {
      trend: consensus.trend.id,
      name: consensus.trend.name,
      contributors: consensus.counted,
      total: consensus.total,
      ...(years.size === 1 && [...years][0] !== undefined ? { year: [...years][0] } : {}),
      groups: consensus.groups.map(({ year, noun, counted: contributors, total }) => ({ year, noun, contributors, total })),
    },
  };
}

/** "Which trends come up most?": the top trends with their counts, and the clearest quote of each. */
function overview(question: string, map: TrendMap): Answer {
  const top = map.entries.filter(({ evidence }) => evidence.length > 0).slice(0, OVERVIEW_TRENDS);
  if (top.length === 0) return base(question, `No trend of the list is clearly spoken to by the ${map.contributors.length} contributors.`, []);
  const list = top.map(({ trend, evidence }) => `${trend.name} (${evidence.length})`).join(', ');
  const lead = `The trends most of the ${map.contributors.length} contributors speak to: ${list}. The clearest quote on each:`;
  return base(question, lead, distinct(top.map(({ evidence: [best] }) => toQuote(best!))));
}

/** "What changed between 2014 and 2017?": per year, the trends its contributors speak to most, quotes grouped by year. */
function comparison(question: string, map: TrendMap, [from, to]: [number, number]): Answer {
  const perYear = [from, to].map((year) => {
    const total = map.contributors.filter((contributor) => contributor.year === year).length;
    const trends = map.entries
      .map(({ trend, evidence }) => ({ trend, evidence: evidence.filter(({ contributor }) => contributor.year === year) }))
      .filter(({ evidence }) => evidence.length > 0)
      .sort((a, b) => b.evidence.length - a.evidence.length);
    return { year, total, trends };
  });
  const missing = perYear.filter(({ total }) => total === 0).map(({ year }) => year);
  if (missing.length > 0) return base(question, `The corpus has no contributor from ${missing.join(' or ')}: there is nothing to compare.`, []);
  const names = (trends: (typeof perYear)[number]['trends']) => {
    const shown = trends.slice(0, LISTED_TRENDS).map(({ trend, evidence }) => `${displayName(trend)} (${evidence.length})`);
    return shown.length === 0 ? 'none of the listed trends' : `${shown.join(', ')}${trends.length > LISTED_TRENDS ? ' and more' : ''}`;
  };
  const [early, late] = perYear as [(typeof perYear)[number], (typeof perYear)[number]];
  const only = (of: typeof early, other: typeof early) => of.trends.filter(({ trend }) => !other.trends.some((entry) => entry.trend.id === trend.id));
  const lead =
    `Most spoken to in ${early.year} (${early.total} contributors): ${names(early.trends)}; in ${late.year} (${late.total}): ${names(late.trends)}. ` +
    `Only in ${late.year}: ${names(only(late, early))}. Only in ${early.year}: ${names(only(early, late))}. Quotes by year:`;
  const quotes = perYear.flatMap(({ trends }) => distinct(trends.map(({ evidence: [best] }) => toQuote(best!))).slice(0, QUOTES_PER_YEAR));
  return base(question, lead, quotes);
}

/** One passage can be the clearest on several trends: it is shown once. */
function distinct(quotes: Quote[]): Quote[] {
  const seen = new Set<string>();
  return quotes.filter(({ file, start }) => !seen.has(`${file}:${start}`) && seen.add(`${file}:${start}`));
}

function base(question: string, answer: string, quotes: Quote[]): Answer {
  return { question, standaloneQuestion: question, mode: 'extractive', answer, quotes, verification: NO_VERIFICATION };
}

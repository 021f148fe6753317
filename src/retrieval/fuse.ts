// Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): merges rankings without comparing their scores.

// The paper's constant: dampens the weight of the very first ranks.
export const RRF_K = 60;

/** Fused score per item: the sum over rankings of 1 / (k + rank), rank counted from 1. */
export function reciprocalRankFusion<T>(rankings: T[][], k = RRF_K): Map<T, number> {
  const scores = new Map<T, number>();
  for (const ranking of rankings) {
    ranking.forEach((item, position) => scores.set(item, (scores.get(item) ?? 0) + 1 / (k + position + 1)));
  }
  return scores;
}

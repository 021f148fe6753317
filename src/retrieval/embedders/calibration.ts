// Thresholds on one embedder's cosine scale: each model spreads its similarities differently, so each is chosen for
// the model it applies to (the README's tables). The reranker's thresholds are the same whatever the embedder.
import { z } from 'zod';

/** Cosine similarities (-1…1) and lifts, for one embedder. */
export interface Calibration {
  /** Judging by the cosine alone (no reranker): the least similarity for a passage to count as evidence. */
  minSimilarity: number;
  /** With the reranker's gate: the least similarity for a passage to be read by it (a pre-filter). */
  gateFloor: number;
  /** A follow-up's own topic ("radio"), or a named contributor's topic: the least similarity to it. */
  minOwnTopicSimilarity: number;
  /** The trend map: the least lift of a passage's similarity over the corpus background (trend-map.ts). */
  trendLift: number;
  /** Matching a question's topic to a trend's phrasing: asked for outright (a count, a list), and a bare topic. */
  askedTrendMatch: number;
  bareTopicMatch: number;
}

/**
 * all-MiniLM-L6-v2's, chosen on test/fixtures/tune.jsonl and trends-table.json. Also what an embedder without its own
 * calibration (OpenAI's, or a model folder without calibration.json) uses: uncalibrated there.
 */
export const MINILM_CALIBRATION: Calibration = Object.freeze({
  minSimilarity: 0.4,
  gateFloor: 0.3,
  minOwnTopicSimilarity: 0.32,
  trendLift: 0.2,
  askedTrendMatch: 0.7,
  bareTopicMatch: 0.75,
});

/** The file in a model folder that holds its calibration: a JSON object with all of Calibration's fields. */
export const CALIBRATION_FILE = 'calibration.json';

const similarity = z.number().min(-1).max(1);
export const calibrationSchema = z.strictObject({
  minSimilarity: similarity,
  gateFloor: similarity,
  minOwnTopicSimilarity: similarity,
  trendLift: similarity,
  askedTrendMatch: similarity,
  bareTopicMatch: similarity,
});

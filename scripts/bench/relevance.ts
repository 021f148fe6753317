// The relevance decision side by side: the cosine floor alone, the fine-tuned bi-encoder, the trained reranker alone,
// the shipped gate (over the fine-tuned embedder) and the same gate over the base embedder, each measured in its own
// process on every question set (relevance-worker.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KindSummary } from '../../src/eval/score.js';
import { MINILM_CALIBRATION } from '../../src/retrieval/embedders/calibration.js';
import { localModel } from '../../src/retrieval/models/local-model.js';
import { MIN_GATE_RELEVANCE, MIN_RELEVANCE, type Judge } from '../../src/retrieval/retrieve.js';

const run = promisify(execFile);

/** Tuning sets first (thresholds were chosen on them), then the blind sets, which nothing was tuned on. */
export const RELEVANCE_SETS = ['tune', 'tune-slack', 'blind', 'blind2', 'blind3'].map((name) => `test/fixtures/${name}.jsonl`);

const RERANKER = 'models/trendbot-reranker';
const FINE_TUNED = 'models/trendbot-embedder';
const BASE = 'models/all-MiniLM-L6-v2';
// Each embedder's floors, from its calibration.json.
const { minSimilarity, gateFloor } = localModel(FINE_TUNED).calibration;
const SYSTEMS: { system: string; embedder: string; reranker?: string; judge: Judge }[] = [
  {
    system: `floor alone: all-MiniLM-L6-v2, cosine ≥ ${MINILM_CALIBRATION.minSimilarity}`,
    embedder: BASE,
    judge: { kind: 'cosine', minSimilarity: MINILM_CALIBRATION.minSimilarity },
  },
  {
    system: `fine-tuned bi-encoder: trendbot-embedder, cosine ≥ ${minSimilarity}`,
    embedder: FINE_TUNED,
    judge: { kind: 'cosine', minSimilarity },
  },
  {
    system: `reranker alone: trendbot-reranker ≥ ${MIN_RELEVANCE}`,
    embedder: FINE_TUNED,
    reranker: RERANKER,
    judge: { kind: 'reranker', minRelevance: MIN_RELEVANCE },
  },
  {
    system: `shipped: trendbot-embedder, cosine ≥ ${gateFloor}, gated by trendbot-reranker ≥ ${MIN_GATE_RELEVANCE}`,
    embedder: FINE_TUNED,
    reranker: RERANKER,
    judge: { kind: 'gated', minSimilarity: gateFloor, minRelevance: MIN_GATE_RELEVANCE },
  },
  {
    system: `the gate over all-MiniLM-L6-v2 (shipped before): cosine ≥ ${MINILM_CALIBRATION.gateFloor}, gated by trendbot-reranker ≥ ${MIN_GATE_RELEVANCE}`,
    embedder: BASE,
    reranker: RERANKER,
    judge: { kind: 'gated', minSimilarity: MINILM_CALIBRATION.gateFloor, minRelevance: MIN_GATE_RELEVANCE },
  },
];

export interface RelevanceRow {
  system: string;
  quality: { set: string; summary: KindSummary[] }[];
  latencyMs: { p50: number; p95: number };
  modelLoadMs: number;
  peakRssMiB: number;
}

export async function measureRelevance(work: string, sets: string[], log: (line: string) => void): Promise<RelevanceRow[]> {
  const rows: RelevanceRow[] = [];
  for (const [i, { system, embedder, reranker, judge }] of SYSTEMS.entries()) {
    log(`relevance: ${system}…`);
    const job = JSON.stringify({ embedder, reranker, judge, sets, indexDir: path.join(work, `relevance-${i}`) });
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/bench/relevance-worker.ts', job], { maxBuffer: 1 << 24 });
    rows.push({ system, ...JSON.parse(stdout) });
  }
  return rows;
}

/** Markdown: one quality row per system and set (overall recall@5, paraphrase recall@5, negative accuracy, MRR, verbatim), then the cost per system. */
export function formatRelevance(rows: RelevanceRow[]): string[] {
  const f = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2));
  const lines = ['| system | set | questions | recall@5 | paraphrase recall@5 | negative accuracy | MRR | verbatim |', '|---|---|---|---|---|---|---|---|'];
  for (const row of rows) {
    for (const { set, summary } of row.quality) {
      const overall = summary.find(({ kind }) => kind === 'overall')!;
      const paraphrase = summary.find(({ kind }) => kind === 'paraphrase');
      lines.push(
        `| ${row.system} | ${path.basename(set, '.jsonl')} | ${overall.questions} | ${f(overall.recallAtK)} | ${f(paraphrase?.recallAtK)} | ${f(overall.negativeAccuracy)} | ${f(overall.mrr)} | ${(overall.verbatim * 100).toFixed(0)} % |`,
      );
    }
  }
  lines.push('', '| system | question p50 | question p95 | model load | peak RSS |', '|---|---|---|---|---|');
  for (const row of rows) {
    lines.push(
      `| ${row.system} | ${row.latencyMs.p50.toFixed(1)} ms | ${row.latencyMs.p95.toFixed(1)} ms | ${(row.modelLoadMs / 1000).toFixed(2)} s | ${row.peakRssMiB} MiB |`,
    );
  }
  return lines;
}

// The shipped reranker is the model scripts/models/train-relevance.py trained: its int8 ONNX export, run by
// transformers.js, reproduces the PyTorch logits recorded then, and it tells an answer from a near miss.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createReranker } from '../../../src/retrieval/reranker/reranker.js';

const reference = JSON.parse(readFileSync('test/fixtures/models/trendbot-reranker-reference.json', 'utf8')) as { pairs: [string, string][]; logits: number[] };
const logit = (probability: number) => Math.log(probability / (1 - probability));

const config = loadConfig({ RERANKER_MODEL: 'models/trendbot-reranker' });

describe('the reranker', () => {
  const reranker = createReranker(config)!;

  it('reproduces the PyTorch reference logits after int8 quantization (within 0.5)', async () => {
    const scores = await Promise.all(reference.pairs.map(([question, passage]) => reranker.score(question, [passage]).then(([score]) => score!)));
    scores.forEach((score, i) => expect(Math.abs(logit(score) - reference.logits[i]!), reference.pairs[i]!.join(' ~ ')).toBeLessThan(0.5));
  });

  it('scores a pair the same whatever else is scored with it', async () => {
    const [question, passage] = reference.pairs[0]!;
    const [alone] = await reranker.score(question, [passage]);
    const [first] = await reranker.score(question, [passage, reference.pairs[1]![1].repeat(5)]);
    expect(first).toBe(alone);
  });

  it('is one process-wide model per folder, named after it; the bundled one by default, none with RERANKER_MODEL=none', () => {
    expect(createReranker(config)).toBe(reranker);
    expect(reranker.name).toBe('trendbot-reranker');
    expect(createReranker(loadConfig({}))).toBe(reranker);
    expect(createReranker(loadConfig({ RERANKER_MODEL: 'none' }))).toBeUndefined();
  });

  it('says in one line which setting names a missing folder', () => {
    expect(() => createReranker(loadConfig({ RERANKER_MODEL: '/no/such/reranker' }))).toThrow(/^RERANKER_MODEL: no model folder at \/no\/such\/reranker\./);
  });
});

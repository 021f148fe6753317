// The shipped model is the real all-MiniLM-L6-v2: its int8 ONNX export, run by transformers.js, agrees with the
// PyTorch reference (sentence-transformers) that scripts/models/export-minilm.py recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createEmbedder, embedderKey, embedderName } from '../../../src/retrieval/embedders/create-embedder.js';

const reference = JSON.parse(readFileSync('test/fixtures/models/minilm-reference.json', 'utf8')) as { sentences: string[]; embeddings: number[][] };
const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('the local embedder', () => {
  const config = loadConfig({});

  it('matches the PyTorch reference embeddings (cosine ≥ 0.98 after int8 quantization)', async () => {
    const vectors = await createEmbedder(config).embedDocuments(reference.sentences);
    vectors.forEach((vector, i) => {
      expect(vector).toHaveLength(384);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(dot(vector, reference.embeddings[i]!), reference.sentences[i]).toBeGreaterThan(0.98);
    });
  });

  it('embeds a question like the same text as a passage, whatever else is embedded with it', async () => {
    const embedder = createEmbedder(config);
    const [alone] = await embedder.embedDocuments([reference.sentences[0]!]);
    const [inBatch] = await embedder.embedDocuments([reference.sentences[0]!, reference.sentences[1]!.repeat(5)]);
    expect(await embedder.embedQuery(reference.sentences[0]!)).toEqual(alone);
    expect(inBatch).toEqual(alone);
  });

  it('finds a paraphrase closer than an unrelated sentence', async () => {
    const embedder = createEmbedder(config);
    const [question, answer, unrelated] = await embedder.embedDocuments([
      'Who believes salespeople will stop phoning strangers?',
      'Of course, this will also change sales behavior – cold-calling will be a thing of the past.',
      'What is the best recipe for chocolate cake?',
    ]);
    expect(dot(question!, answer!)).toBeGreaterThan(dot(question!, unrelated!) + 0.4);
  });

  it('names the model, and keys the index by it', () => {
    expect(embedderName(config)).toBe('all-MiniLM-L6-v2');
    expect(embedderKey(config)).toMatch(/^local:all-MiniLM-L6-v2:q8:\d+$/);
    expect(embedderKey(loadConfig({ LOCAL_EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5' }))).toBe('hub:Xenova/bge-small-en-v1.5:q8');
    expect(embedderKey(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBe('openai:text-embedding-3-small@https://api.openai.com/v1');
  });
});

// The shipped models reproduce their PyTorch references: all-MiniLM-L6-v2 (scripts/models/export-minilm.py) and its
// fine-tuned trendbot-embedder (scripts/models/train-relevance.py), int8 ONNX run by transformers.js.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createEmbedder, embedderKey, embedderName } from '../../../src/retrieval/embedders/create-embedder.js';
import { MINILM_CALIBRATION } from '../../../src/retrieval/embedders/calibration.js';
import { localModel } from '../../../src/retrieval/models/local-model.js';

const reference = JSON.parse(readFileSync('test/fixtures/models/trendbot-embedder-reference.json', 'utf8')) as { sentences: string[]; embeddings: number[][] };
const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('the local embedder', () => {
  const config = loadConfig({});

  it.each([
    ['all-MiniLM-L6-v2', 'models/all-MiniLM-L6-v2', 'minilm-reference.json'],
    ['trendbot-embedder', 'models/trendbot-embedder', 'trendbot-embedder-reference.json'],
  ])('%s matches its PyTorch reference embeddings (cosine ≥ 0.98 after int8 quantization)', async (_, folder, file) => {
    const { sentences, embeddings } = JSON.parse(readFileSync(`test/fixtures/models/${file}`, 'utf8')) as { sentences: string[]; embeddings: number[][] };
    const vectors = await createEmbedder(loadConfig({ LOCAL_EMBEDDING_MODEL: folder })).embedDocuments(sentences);
    vectors.forEach((vector, i) => {
      expect(vector).toHaveLength(384);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(dot(vector, embeddings[i]!), sentences[i]).toBeGreaterThan(0.98);
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
    expect(embedderName(config)).toBe('trendbot-embedder');
    expect(embedderKey(config)).toMatch(/^local:trendbot-embedder:q8:\d+$/);
    expect(embedderKey(loadConfig({ LOCAL_EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5' }))).toBe('hub:Xenova/bge-small-en-v1.5:q8');
    expect(embedderKey(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBe('openai:text-embedding-3-small@https://api.openai.com/v1');
  });
});

describe('a model folder with its sentence-transformers settings', () => {
  /** The shipped model's files, plus a pooling config and prompts as sentence-transformers writes them. */
  function modelWith(pooling: object | undefined, prompts: object | undefined): { folder: string; cleanup: () => void } {
    const root = mkdtempSync(path.join(os.tmpdir(), 'trendbot-model-'));
    const folder = path.join(root, 'variant');
    mkdirSync(path.join(folder, '1_Pooling'), { recursive: true });
    for (const entry of readdirSync('models/all-MiniLM-L6-v2')) symlinkSync(path.resolve('models/all-MiniLM-L6-v2', entry), path.join(folder, entry));
    if (pooling) writeFileSync(path.join(folder, '1_Pooling', 'config.json'), JSON.stringify(pooling));
    if (prompts) writeFileSync(path.join(folder, 'config_sentence_transformers.json'), JSON.stringify({ prompts }));
    return { folder, cleanup: () => rmSync(root, { recursive: true, force: true }) };
  }

  it('reads pooling and prefixes, applies them, and keys the index by them', async () => {
    const model = modelWith({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }, { query: 'query: ', passage: '' });
    try {
      expect(localModel(model.folder)).toMatchObject({ pooling: 'cls', queryPrefix: 'query: ', passagePrefix: '' });
      const config = loadConfig({ LOCAL_EMBEDDING_MODEL: model.folder });
      expect(embedderKey(config)).toMatch(/^local:variant:q8:\d+:cls:prompts=\["query: ",""\]$/);
      const embedder = createEmbedder(config);
      const sentence = reference.sentences[0]!;
      const [asPassage, prefixed] = await embedder.embedDocuments([sentence, `query: ${sentence}`]);
      expect(await embedder.embedQuery(sentence)).toEqual(prefixed);
      expect(prefixed).not.toEqual(asPassage);
      // [CLS] pooling, not the mean the shipped model uses.
      const [mean] = await createEmbedder(loadConfig({})).embedDocuments([sentence]);
      expect(dot(asPassage!, mean!)).toBeLessThan(0.99);
    } finally {
      model.cleanup();
    }
  });

  it('defaults to mean pooling without prefixes, and names a malformed file', () => {
    const plain = modelWith(undefined, undefined);
    const broken = modelWith(undefined, undefined);
    writeFileSync(path.join(broken.folder, 'config_sentence_transformers.json'), '{ not json');
    try {
      expect(localModel(plain.folder)).toMatchObject({ pooling: 'mean', queryPrefix: '', passagePrefix: '' });
      expect(() => localModel(broken.folder)).toThrow(/config_sentence_transformers\.json is not valid JSON/);
    } finally {
      plain.cleanup();
      broken.cleanup();
    }
  });
});

describe("an embedder's calibration", () => {
  it("reads the model folder's calibration.json, defaults to all-MiniLM-L6-v2's, and names a bad field", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'trendbot-calibration-'));
    try {
      expect(localModel('models/all-MiniLM-L6-v2').calibration).toEqual(MINILM_CALIBRATION);
      const tuned = localModel('models/trendbot-embedder').calibration;
      expect(tuned).toEqual(JSON.parse(readFileSync('models/trendbot-embedder/calibration.json', 'utf8')));
      expect(createEmbedder(loadConfig({ LOCAL_EMBEDDING_MODEL: 'models/trendbot-embedder' })).calibration).toEqual(tuned);
      expect(createEmbedder(loadConfig({ EMBEDDINGS: 'openai', OPENAI_API_KEY: 'sk-test' })).calibration).toEqual(MINILM_CALIBRATION);
      writeFileSync(path.join(root, 'calibration.json'), JSON.stringify({ ...tuned, gateFloor: 2 }));
      expect(() => localModel(root)).toThrow(/calibration\.json: gateFloor: /);
      writeFileSync(path.join(root, 'calibration.json'), JSON.stringify({ gateFloor: 0.2 }));
      expect(() => localModel(root)).toThrow(/calibration\.json: minSimilarity: /);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs offline by default: local embedder, extractive answers, in-process index', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ embeddings: 'local', answerMode: 'extractive', vectorStore: 'hnswlib', corpusDir: 'corpus', indexDir: '.index' });
    expect(config.slack.port).toBe(3000);
  });

  it('treats an empty number (PORT= in .env) as unset, and rejects a non-number in one line', () => {
    expect(loadConfig({ PORT: '', LLM_MAX_RETRIES: ' ' })).toMatchObject({ slack: { port: 3000 }, llm: { maxRetries: 2 } });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid setting PORT: .*Fix it in the environment or \.env\.$/);
  });

  it('turns on the OpenAI embedder and LLM answers with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' })).toMatchObject({ embeddings: 'openai', answerMode: 'llm' });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', EMBEDDINGS: 'local', ANSWER_MODE: 'extractive' })).toMatchObject({
      embeddings: 'local',
      answerMode: 'extractive',
    });
  });
});

// answerQuestion with a real ChatOpenAI against a local fake server: what the product does, and what it sent.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion, LLM_EVIDENCE, type AnswerOptions } from '../../src/answer/answer-question.js';
import { noEvidenceAnswer } from '../../src/answer/extractive.js';
import { checkLlmAccess, createLlm, MAX_ANSWER_TOKENS, type Llm } from '../../src/answer/llm/create-llm.js';
import { LlmError } from '../../src/answer/llm/errors.js';
import { loadConfig } from '../../src/config.js';
import { MIN_GATE_RELEVANCE, retrieve } from '../../src/retrieval/retrieve.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/openai/fake-openai-server.js';
import { FABRICATED, fabricatedQuoteAnswer, goodAnswer, outOfRangeAnswer, sentPassages } from '../fixtures/openai/replies.js';
import { tempIndex, type TempIndex } from '../helpers/temp-index.js';

const QUESTION = 'What will happen with live video?';
// Five passages come back for this one (three for QUESTION).
const BROAD_QUESTION = 'How will content marketing change?';
const API_KEY = 'test-key-sk-0123456789';

let temp: TempIndex;
let fake: FakeOpenAI;
beforeAll(async () => {
  [temp, fake] = await Promise.all([tempIndex(), startFakeOpenAI({ chat: goodAnswer })]);
});
afterAll(async () => {
  await fake.close();
  await temp.cleanup();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setChat(goodAnswer);
  fake.setModelsStatus(200);
});

function llmFor(env: Record<string, string> = {}): Llm {
  const config = loadConfig({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: API_KEY,
    OPENAI_CHAT_MODEL: 'test-chat-model',
    EMBEDDINGS: 'local',
    LLM_MAX_RETRIES: '2',
    LLM_TIMEOUT_MS: '5000',
    LLM_DEADLINE_MS: '10000',
    ...env,
  });
  const llm = createLlm(config, { retryBaseMs: 5 });
  if (!llm) throw new Error('expected the LLM to be configured');
  return llm;
}

const ask = (question: string, options: AnswerOptions = {}, history?: string[]) =>
  answerQuestion(temp.index, { question, history }, { llm: llmFor(), ...options });

function expectVerbatim(quotes: { file: string; start: number; end: number; text: string }[]) {
  for (const quote of quotes) expect(readFileSync(quote.file, 'utf8').slice(quote.start, quote.end)).toBe(quote.text);
}

describe('an LLM answer', () => {
  it('is the model’s cited synthesis, with the cited passages verbatim under it', async () => {
    const answer = await ask(QUESTION);
    expect(answer.mode).toBe('llm');
    expect(answer.fallbackReason).toBeUndefined();
    expect(answer.verification).toEqual({ quotesChecked: 1, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 });
    expect(answer.answer).toMatch(/^One marketer puts it plainly: “.+” \[1\]\. Another view comes from a second source \[2\]\.$/);
    expect(answer.quotes).toHaveLength(2);
    expectVerbatim(answer.quotes);
    const quoted = /“(.+)”/.exec(answer.answer)![1]!;
    expect(answer.quotes[0]!.text.startsWith(quoted)).toBe(true);
  });

  it('sends the model name, bounded tokens, low temperature and exactly the retrieved passages, and no key in the body', async () => {
    await ask(QUESTION);
    const requests = fake.chatRequests();
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body.model).toBe('test-chat-model');
    expect(sent.body.max_tokens).toBe(MAX_ANSWER_TOKENS);
    expect(MAX_ANSWER_TOKENS).toBeLessThanOrEqual(500);
    expect(sent.body.temperature).toBe(0);
    expect(sent.body.stream).toBeFalsy();
    expect(sent.body.messages!.map((message) => message.role)).toEqual(['system', 'user']);
    expect(sent.body.messages![0]!.content).toContain('Cite every claim');
    expect(sent.body.messages![1]!.content).toContain(`Question: ${QUESTION}`);

    const hits = await retrieve(temp.index, { question: QUESTION }, { k: LLM_EVIDENCE });
    const passages = sentPassages(sent);
    expect(passages.map((passage) => passage.number)).toEqual(hits.map((_, i) => i + 1));
    expect(passages.map((passage) => passage.text)).toEqual(hits.map((hit) => hit.passage.text));
    hits.forEach((hit, i) => {
      expect(passages[i]!.heading).toContain(hit.passage.speaker);
      expect(passages[i]!.heading).toContain(hit.passage.title);
      if (hit.passage.year !== undefined) expect(passages[i]!.heading).toContain(String(hit.passage.year));
    });

    expect(sent.raw).not.toContain(API_KEY);
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('drops a fabricated quote, with its sentence, and says so in the verification', async () => {
    fake.setChat(fabricatedQuoteAnswer);
    const answer = await ask(QUESTION);
    expect(answer.mode).toBe('llm');
    expect(answer.answer).not.toContain(FABRICATED);
    expect(answer.answer).not.toContain('A CMO says');
    expect(answer.verification).toEqual({ quotesChecked: 2, quotesDropped: 1, citationsDropped: 0, attributionsDropped: 0 });
    expectVerbatim(answer.quotes);
  });

  it('drops a citation of a passage that was not given ([9] of 8)', async () => {
    fake.setChat(outOfRangeAnswer);
    const answer = await ask(BROAD_QUESTION);
    expect(sentPassages(fake.chatRequests()[0]!)).toHaveLength(8);
    expect(answer.mode).toBe('llm');
    expect(answer.answer).not.toContain('[9]');
    expect(answer.answer).not.toContain('Budgets');
    expect(answer.verification).toEqual({ quotesChecked: 1, quotesDropped: 0, citationsDropped: 1, attributionsDropped: 0 });
    expect(answer.quotes).toHaveLength(2);
  });

  it('falls back to the extractive answer when nothing cited survives', async () => {
    fake.setChat(() => ({ kind: 'answer', content: 'The passages do not say. A CMO says "this was never said" [2].' }));
    const answer = await ask(BROAD_QUESTION);
    expect(answer).toMatchObject({
      mode: 'extractive',
      fallbackReason: 'unverified',
      verification: { quotesChecked: 1, quotesDropped: 1, citationsDropped: 0, attributionsDropped: 0 },
    });
    expect(answer.note).toMatch(/could not be checked/);
    expect(answer.quotes).toHaveLength(5);
    expect(answer.answer).toMatch(/^5 quotes from/);
  });

  it('is the final judge: a model that cites no passage gives "no quote covers this", with no quote', async () => {
    fake.setChat(() => ({ kind: 'answer', content: 'None of these passages says what ABM costs per lead.' }));
    const answer = await ask(BROAD_QUESTION);
    expect(sentPassages(fake.chatRequests()[0]!).length).toBeGreaterThan(0);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'not_answered', quotes: [] });
    expect(answer.note).toBeUndefined();
    expect(answer.answer).toMatch(/^No quote in the corpus covers this question\./);
  });

  it('catches a quote cited to the wrong passage, and keeps only what the right passage says', async () => {
    fake.setChat((request) => {
      const [first, second] = sentPassages(request);
      return { kind: 'answer', content: `A CMO says “${second!.text.split(' ').slice(0, 5).join(' ')}” [1]. Another sees it this way [${first!.number}].` };
    });
    const answer = await ask(BROAD_QUESTION);
    expect(answer.mode).toBe('llm');
    expect(answer.answer).toBe('Another sees it this way [1].');
    expect(answer.verification).toMatchObject({ quotesChecked: 1, quotesDropped: 1 });
    expect(answer.quotes).toHaveLength(1);
  });

  it('says once, before retrieval, that the model will work on it', async () => {
    let calls = 0;
    await ask(QUESTION, { onModelWork: () => void (calls += 1) });
    expect(calls).toBe(1);
  });
});

describe('a streamed answer', () => {
  /** Asks with onVerifiedText; returns the answer and the pieces streamed, in order. */
  async function askStreaming(question = QUESTION) {
    const pieces: string[] = [];
    const answer = await ask(question, { onVerifiedText: async (piece) => void pieces.push(piece) });
    return { answer, pieces };
  }

  it('asks the model to stream, and streams the verified answer sentence by sentence', async () => {
    fake.setChat((request) => ({ ...goodAnswer(request), chunkChars: 3 }));
    const { answer, pieces } = await askStreaming();
    expect(fake.chatRequests().map((request) => request.body.stream)).toEqual([true]);
    expect(answer.mode).toBe('llm');
    expect(pieces.length).toBe(2);
    expect(pieces.join('')).toBe(answer.answer);
  });

  it('never streams the sentence of a fabricated quote', async () => {
    fake.setChat((request) => ({ ...(fabricatedQuoteAnswer(request) as { kind: 'answer'; content: string }), chunkChars: 2 }));
    const { answer, pieces } = await askStreaming();
    expect(answer.verification?.quotesDropped).toBe(1);
    expect(pieces.join('')).not.toContain(FABRICATED.slice(0, 20));
    expect(pieces.join('')).toBe(answer.answer);
  });

  it('retries a stream that broke before anything was shown', async () => {
    fake.setChat((request, count) => ({ ...(goodAnswer(request) as { kind: 'answer'; content: string }), breakAfterChars: count === 0 ? 8 : undefined }));
    const { answer, pieces } = await askStreaming();
    expect(fake.chatRequests()).toHaveLength(2);
    expect(answer.mode).toBe('llm');
    expect(pieces.join('')).toBe(answer.answer);
  });

  it('falls back to quotes, without a retry, when the stream breaks after a sentence was shown', async () => {
    fake.setChat((request) => {
      const good = goodAnswer(request) as { kind: 'answer'; content: string };
      return { ...good, chunkChars: 4, breakAfterChars: good.content.indexOf('Another') + 12 };
    });
    const { answer, pieces } = await askStreaming();
    expect(fake.chatRequests()).toHaveLength(1);
    expect(pieces).toHaveLength(1);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_unavailable' });
  });
});

describe('without evidence', () => {
  it('does not call the model and says no quote covers the question', async () => {
    const answer = await ask('What is the best recipe for chocolate cake?');
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'no_evidence', answer: noEvidenceAnswer(['recipe', 'chocolate', 'cake']), quotes: [] });
    expect(answer.note).toBeUndefined();
    expect(fake.chatRequests()).toHaveLength(0);
  });
});

describe('when the model fails', () => {
  it('retries a 429 (even without Retry-After) and then answers', async () => {
    fake.setChat((request, count) => (count === 0 ? { kind: 'status', status: 429 } : goodAnswer(request)));
    const answer = await ask(QUESTION);
    expect(answer.mode).toBe('llm');
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('gives the extractive answer with a note after the retries of a 5xx run out', async () => {
    fake.setChat(() => ({ kind: 'status', status: 503 }));
    const answer = await ask(QUESTION);
    expect(answer).toMatchObject({
      mode: 'extractive',
      fallbackReason: 'llm_unavailable',
      verification: { quotesChecked: 0, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 },
    });
    expect(answer.note).toMatch(/not available right now/);
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('gives up at the answer’s deadline when the server never answers', async () => {
    fake.setChat(() => ({ kind: 'hang' }));
    // Only the 400 ms deadline can end this (requests may take 60 s): llm_timeout says it did.
    const answer = await answerQuestion(temp.index, { question: QUESTION }, { llm: llmFor({ LLM_DEADLINE_MS: '400', LLM_TIMEOUT_MS: '60000' }) });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_timeout' });
    expect(answer.quotes.length).toBeGreaterThan(0);
  });

  it('retries a request that times out, then falls back', async () => {
    fake.setChat(() => ({ kind: 'hang' }));
    const answer = await answerQuestion(temp.index, { question: QUESTION }, { llm: llmFor({ LLM_TIMEOUT_MS: '150', LLM_MAX_RETRIES: '1' }) });
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_unavailable' });
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('does not retry a 401, and answers with quotes', async () => {
    fake.setChat(() => ({ kind: 'status', status: 401 }));
    const answer = await ask(QUESTION);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_unauthorized' });
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"choices": [{"message": '],
    ['no choices', '{"id": "x", "object": "chat.completion", "choices": []}'],
    [
      'an empty message',
      '{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": "stop"}]}',
    ],
  ])('treats %s as malformed output: extractive, not retried', async (_, body) => {
    fake.setChat(() => ({ kind: 'raw', body }));
    const answer = await ask(QUESTION);
    expect(answer).toMatchObject({ mode: 'extractive', fallbackReason: 'llm_malformed_output' });
    expect(fake.chatRequests()).toHaveLength(1);
  });
});

describe('the startup check', () => {
  it('names OPENAI_API_KEY when the server answers 401', async () => {
    fake.setModelsStatus(401);
    const config = loadConfig({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'bad-key', EMBEDDINGS: 'local' });
    const error = await checkLlmAccess(config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'llm_unauthorized' });
    expect((error as Error).message).toMatch(/refused OPENAI_API_KEY \(HTTP 401\)/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('passes a 403 (a restricted key may chat without listing models)', async () => {
    fake.setModelsStatus(403);
    await expect(checkLlmAccess(loadConfig({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: API_KEY, EMBEDDINGS: 'local' }))).resolves.toBeUndefined();
  });

  it('passes with a good key, and does nothing for extractive answers', async () => {
    await expect(checkLlmAccess(loadConfig({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: API_KEY, EMBEDDINGS: 'local' }))).resolves.toBeUndefined();
    fake.requests.length = 0;
    await expect(checkLlmAccess(loadConfig({ ANSWER_MODE: 'extractive', OPENAI_BASE_URL: fake.url }))).resolves.toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });
});

describe('follow-ups', () => {
  it('are rewritten by the model into a standalone question, logged, then searched and answered', async () => {
    const standalone = 'What do CMOs predict about video in content marketing?';
    fake.setChat((request, count) => (count === 0 ? { kind: 'answer', content: `"${standalone}"` } : goodAnswer(request)));
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _, done) => (lines.push(String(chunk)), done()) }));
    const answer = await ask('And what about audio?', { logger }, ['content marketing beyond text']);

    const [rewrite, write] = fake.chatRequests();
    expect(rewrite!.body.messages![0]!.content).toContain('- content marketing beyond text');
    expect(rewrite!.body.messages![0]!.content).toContain('Latest message: And what about audio?');
    expect(write!.body.messages![1]!.content).toContain(`Question: ${standalone}`);
    expect(answer.standaloneQuestion).toBe(standalone);
    expect(answer.mode).toBe('llm');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'follow-up rewritten by the LLM');
    expect(logged).toMatchObject({ question: 'And what about audio?', standalone, turns: 1 });
  });

  it('fall back to the rule-based rewrite when the model fails', async () => {
    fake.setChat((request, count) => (count === 0 ? { kind: 'status', status: 400 } : goodAnswer(request)));
    const answer = await ask('And what about audio?', {}, ['content marketing beyond text']);
    expect(answer.standaloneQuestion).toBe('And what about audio? (following up on: content marketing beyond text)');
    expect(answer.mode).toBe('llm');
  });

  it('are rewritten by rules, without any request, when no model is configured', async () => {
    const answer = await answerQuestion(temp.index, { question: 'And what about audio?', history: ['content marketing beyond text'] });
    expect(answer).toMatchObject({
      mode: 'extractive',
      standaloneQuestion: 'And what about audio? (following up on: content marketing beyond text)',
      verification: { quotesChecked: 0, quotesDropped: 0, citationsDropped: 0, attributionsDropped: 0 },
    });
    expect(answer.fallbackReason).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });
});

describe('embeddings through the same server', () => {
  it('builds the index with EMBEDDINGS=openai and answers with the LLM', async () => {
    const remote = await tempIndex({
      EMBEDDINGS: 'openai',
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: API_KEY,
      OPENAI_EMBEDDING_MODEL: 'test-embedding-model',
    });
    try {
      const answer = await answerQuestion(remote.index, { question: QUESTION }, { llm: llmFor() });
      expect(answer.mode).toBe('llm');
      const embeddingRequests = fake.requests.filter((request) => request.path === '/v1/embeddings');
      expect(embeddingRequests.length).toBeGreaterThan(1);
      expect(embeddingRequests.every((request) => request.body.model === 'test-embedding-model' && request.body.encoding_format === 'base64')).toBe(true);
      expect(embeddingRequests.at(-1)!.body.input).toEqual(QUESTION);
    } finally {
      await remote.cleanup();
    }
  });

  it('gates relevance with the same reranker, on its scale, whatever the embedder', async () => {
    const remote = await tempIndex({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: API_KEY });
    const local = await tempIndex();
    try {
      expect(remote.index.reranker).toBeDefined();
      expect(remote.index.reranker).toBe(local.index.reranker);
      for (const question of ['live video', 'should we be shooting more clips for our socials?', 'what is the best recipe for chocolate cake?']) {
        // The gate's reading: the floor's evidence, best first (all of it, not only the five shown).
        const floor = await retrieve(
          remote.index,
          { question },
          { k: 1000, judge: { kind: 'cosine', minSimilarity: remote.index.embedder.calibration.gateFloor } },
        );
        const best = floor.sort((a, b) => b.score - a.score).slice(0, 12);
        const scores = await local.index.reranker!.score(
          question,
          best.map(({ passage }) => passage.text),
        );
        const answered = (await retrieve(remote.index, { question })).length > 0;
        expect(answered, question).toBe(scores.some((score) => score >= MIN_GATE_RELEVANCE));
      }
    } finally {
      await remote.cleanup();
      await local.cleanup();
    }
  });
});

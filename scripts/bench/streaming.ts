// Time to the first streamed sentence: the real answer path (retrieval, chat model client, streaming verification)
// against a local OpenAI-compatible stand-in that streams at a steady rate, so the figures are ours, not a model's.
import { answerQuestion } from '../../src/answer/answer-question.js';
import { createLlm } from '../../src/answer/llm/create-llm.js';
import { loadConfig } from '../../src/config.js';
import type { PassageStore } from '../../src/retrieval/passage-store.js';
import { startFakeOpenAI } from '../../test/fixtures/openai/fake-openai-server.js';
import { goodAnswer } from '../../test/fixtures/openai/replies.js';
import { percentile } from './percentiles.js';

// A fast hosted model: a token of about four characters every 20 ms (50 tokens/s).
export const MODEL_PACE = { chunkChars: 4, chunkDelayMs: 20 };

export interface StreamingFigures {
  questions: number;
  /** From the question to the first verified sentence handed to Slack, and to the whole verified answer (ms). */
  firstSentenceMs: { p50: number; p95: number };
  wholeAnswerMs: { p50: number; p95: number };
  /** Answers that fell back to quotes (none expected). */
  fallbacks: number;
}

/** Asks each question with a streaming model stand-in; the answers are two cited sentences, the first with a verbatim quote. */
export async function measureStreaming(store: PassageStore, questions: string[]): Promise<StreamingFigures> {
  const model = await startFakeOpenAI({ chat: (request) => ({ ...(goodAnswer(request) as { kind: 'answer'; content: string }), ...MODEL_PACE }) });
  try {
    const llm = createLlm(loadConfig({ OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'bench', EMBEDDINGS: 'local' }))!;
    const first: number[] = [];
    const whole: number[] = [];
    let fallbacks = 0;
    for (const question of questions) {
      const started = performance.now();
      let firstAt: number | undefined;
      const answer = await answerQuestion(store, { question }, { llm, onVerifiedText: async () => void (firstAt ??= performance.now()) });
      if (answer.mode !== 'llm') {
        // Small talk and questions without evidence never reach the model.
        if (answer.fallbackReason && answer.fallbackReason !== 'no_evidence') fallbacks += 1;
        continue;
      }
      whole.push(performance.now() - started);
      first.push((firstAt ?? performance.now()) - started);
    }
    const p = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
    return { questions: first.length, firstSentenceMs: p(first), wholeAnswerMs: p(whole), fallbacks };
  } finally {
    await model.close();
  }
}

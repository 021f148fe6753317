// A relevance judge: a cross-encoder that reads the question and a passage together and says whether the passage
// answers it. By default it gates the cosine floor's evidence, whichever embedder made it (retrieve.ts); with
// RERANKER_MODEL=none the floor decides alone.
import path from 'node:path';
import type { RetrievalConfig } from '../../config.js';
import { localModel } from '../models/local-model.js';
import { ModelThread } from '../models/model-thread.js';

export interface Reranker {
  /** The model's name, for `ask --json` and logs. */
  readonly name: string;
  /** One probability (0…1) per passage that it answers the question, in the passages' order. */
  score(question: string, passages: string[]): Promise<number[]>;
}

// One thread per reranker folder in a process, however often the index is reopened.
const rerankers = new Map<string, Reranker>();

/**
 * The configured reranker (RERANKER_MODEL, a folder), run on its own worker thread, loaded on first use (the bot
 * warms it at start, Trendbot.warmUp);
 * undefined when none is configured. Throws ModelError for a folder that is not there.
 */
export function createReranker(config: Pick<RetrievalConfig, 'rerankerModel'>): Reranker | undefined {
  if (!config.rerankerModel) return undefined;
  const model = localModel(config.rerankerModel, 'RERANKER_MODEL');
  const key = path.join(model.root ?? '', model.id);
  let reranker = rerankers.get(key);
  if (!reranker) {
    const thread = new ModelThread({ role: 'reranker', model });
    reranker = {
      name: model.name,
      score: async (question, passages) => (passages.length === 0 ? [] : thread.send<number[]>({ kind: 'rerank', query: question, texts: passages })),
    };
    rerankers.set(key, reranker);
  }
  return reranker;
}

// The cross-encoder reranker run by transformers.js, on the thread that calls it (a reranker thread).
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env as transformersEnv,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import { LOCAL_DTYPE, type LocalModel } from '../models/local-model.js';

// BERT's limit in word pieces; a question with a passage is far shorter (the corpus splitter cuts passages at 480 characters).
const MAX_LENGTH = 512;

/**
 * The reranker on the calling thread. `score(question, passages)` → one probability (0…1) per passage that it answers
 * the question, in the passages' order. Loads lazily, on the first call; a missing or broken folder rejects then.
 */
export function localReranker(model: LocalModel): { score(question: string, passages: string[]): Promise<number[]> } {
  if (model.root) transformersEnv.localModelPath = model.root;
  transformersEnv.allowRemoteModels = !model.root;
  const options = { local_files_only: Boolean(model.root) };
  let loaded: Promise<[PreTrainedTokenizer, PreTrainedModel]> | undefined;
  const load = () =>
    (loaded ??= Promise.all([
      AutoTokenizer.from_pretrained(model.id, options),
      // One ONNX Runtime thread: on a small machine the other core stays free for the event loop (Slack's acks).
      AutoModelForSequenceClassification.from_pretrained(model.id, {
        ...options,
        dtype: LOCAL_DTYPE,
        session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
      }),
    ]).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  return {
    async score(question, passages) {
      const [tokenizer, classifier] = await load();
      const scores: number[] = [];
      // One pair per ONNX Runtime call: the int8 model quantizes activations per call, so a pair's score would
      // otherwise depend on the padding of the others in its batch.
      for (const passage of passages) {
        const inputs = tokenizer(question, { text_pair: passage, truncation: true, max_length: MAX_LENGTH });
        const { logits } = (await classifier(inputs)) as { logits: { data: Float32Array } };
        scores.push(1 / (1 + Math.exp(-logits.data[0]!)));
      }
      return scores;
    },
  };
}

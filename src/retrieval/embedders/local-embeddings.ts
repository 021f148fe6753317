// The local model run by transformers.js through LangChain, on the thread that calls it (the embedding thread).
import { env as transformersEnv } from '@huggingface/transformers';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import { LOCAL_DTYPE, type LocalModel } from '../models/local-model.js';

// One text per ONNX Runtime call. The int8 model quantizes activations per call, so a text's vector would otherwise
// depend on the padding of the others in its batch; batches were only ~25 % faster here.
const LOCAL_BATCH_SIZE = 1;

/** The local model, run on the calling thread, with its pooling and prefixes. Loads lazily, on the first text. */
export function localEmbeddings(model: LocalModel): Pick<HuggingFaceTransformersEmbeddings, 'embedQuery' | 'embedDocuments'> {
  // transformers.js reads models relative to one global folder, and downloads only a hub id.
  if (model.root) transformersEnv.localModelPath = model.root;
  transformersEnv.allowRemoteModels = !model.root;
  const embeddings = new HuggingFaceTransformersEmbeddings({
    model: model.id,
    // transformers.js options: local_files_only keeps a folder model offline whatever the library's defaults.
    // One ONNX Runtime thread: on a small machine the other core stays free for the event loop (Slack's acks).
    pretrainedOptions: {
      dtype: LOCAL_DTYPE,
      session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
      ...(model.root ? { local_files_only: true } : {}),
    },
    pipelineOptions: { pooling: model.pooling, normalize: true },
    // LangChain would retry a model that failed to load six times; a missing file does not appear by retrying.
    maxRetries: 0,
  });
  // @langchain/community 1.1 ignores a batchSize passed to the constructor.
  embeddings.batchSize = LOCAL_BATCH_SIZE;
  return {
    embedQuery: (text) => embeddings.embedQuery(model.queryPrefix + text),
    embedDocuments: (texts) => embeddings.embedDocuments(texts.map((text) => model.passagePrefix + text)),
  };
}

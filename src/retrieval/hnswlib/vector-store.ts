// The hnswlib graph of passage vectors. Each graph label maps to its passage's position in LangChain's docstore
// (metadata.index), so a rebuild can keep the previous graph: unchanged passages keep their points, removed ones
// are marked deleted, new ones are inserted (hnswlib's own incremental operations).
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../../corpus/types.js';

// Deleted points stay in the graph (searches step over them); past this share of the live passages, a fresh graph
// is smaller and as fast to build as the updates it replaces.
const MAX_DELETED_SHARE = 0.25;

/** Builds the vector store from passage vectors: label i is passage i. */
export async function buildVectorStore(embedder: EmbeddingsInterface, vectors: number[][], dimensions: number): Promise<HNSWLib> {
  const store = new HNSWLib(embedder, { space: 'cosine', numDimensions: dimensions });
  await store.addVectors(
    vectors,
    vectors.map((_, index) => passageDocument(index)),
  );
  return store;
}

/**
 * Brings a previous build's graph up to date with `passages` (`vectors[i]` is passage i's), in place: a passage
 * whose text the graph already holds keeps its point, whatever file or position it now has. Returns the number of
 * points inserted and deleted, or undefined (the graph untouched) when building afresh is better: the dimensions
 * differ, or more than a quarter of the graph's points would then be deleted ones.
 */
export function updateVectorStore(
  previous: { store: HNSWLib; passages: Passage[] },
  passages: Passage[],
  vectors: number[][],
): { inserted: number; deleted: number } | undefined {
  const { index, docstore } = previous.store;
  const docs = docstore._docs;
  if (index.getNumDimensions() !== vectors[0]?.length) return undefined;
  const labelsByText = new Map<string, number[]>();
  for (const [label, doc] of docs) {
    const text = previous.passages[doc.metadata.index as number]?.text;
    if (text === undefined) return undefined;
    const labels = labelsByText.get(text);
    if (labels) labels.push(Number(label));
    else labelsByText.set(text, [Number(label)]);
  }
  const kept = new Map<number, number>();
  const inserted: number[] = [];
  passages.forEach(({ text }, i) => {
    const label = labelsByText.get(text)?.pop();
    if (label === undefined) inserted.push(i);
    else kept.set(label, i);
  });
  const removed = [...labelsByText.values()].flat();
  const deletedAfter = index.getCurrentCount() - docs.size + removed.length;
  if (deletedAfter > MAX_DELETED_SHARE * passages.length) return undefined;

  for (const label of removed) {
    index.markDelete(label);
    docs.delete(String(label));
  }
  for (const [label, i] of kept) docs.set(String(label), passageDocument(i));
  let label = index.getCurrentCount();
  if (label + inserted.length > index.getMaxElements()) index.resizeIndex(label + inserted.length);
  for (const i of inserted) {
    index.addPoint(vectors[i]!, label);
    docs.set(String(label++), passageDocument(i));
  }
  return { inserted: inserted.length, deleted: removed.length };
}

function passageDocument(index: number): Document {
  return new Document({ pageContent: '', metadata: { index } });
}

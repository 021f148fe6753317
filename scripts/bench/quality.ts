// Retrieval quality on a question set: candidates from BM25 alone, dense alone, both (the product), and the
// LangChain-tutorial baseline (same embedder, 1000-character chunks, top 5 whatever their relevance).
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { answerQuestion } from '../../src/answer/answer-question.js';
import type { Quote } from '../../src/answer/types.js';
import { readCorpusFiles } from '../../src/corpus/load-corpus.js';
import { loadCases } from '../../src/eval/load-cases.js';
import { runEval } from '../../src/eval/run-eval.js';
import type { KindSummary } from '../../src/eval/score.js';
import type { Retriever } from '../../src/retrieval/retrieve.js';
import type { SearchIndex } from '../../src/retrieval/hnswlib/search-index.js';

export type QualityRow = KindSummary & { system: string };

export async function measureQuality(index: SearchIndex, corpusDir: string, casesFile: string): Promise<QualityRow[]> {
  const cases = await loadCases(casesFile);
  const rows: QualityRow[] = [];
  for (const retriever of ['bm25', 'dense', 'hybrid'] as Retriever[]) {
    const { summary } = await runEval(cases, async (testCase) => {
      const answer = await answerQuestion(index, { question: testCase.question, history: testCase.context }, { retriever });
      return answer.quotes;
    });
    rows.push(...summary.map((row) => ({ system: retriever, ...row })));
  }
  const baseline = await tutorialBaseline(corpusDir, index.embedder);
  const { summary } = await runEval(cases, (testCase) => baseline(testCase.question));
  rows.push(...summary.map((row) => ({ system: 'langchain tutorial', ...row })));
  return rows;
}

/** What a LangChain tutorial builds: 1000-character chunks with 200 overlap, plain HNSWLib, similaritySearch k=5. */
async function tutorialBaseline(corpusDir: string, embedder: EmbeddingsInterface): Promise<(question: string) => Promise<Quote[]>> {
  const { files } = await readCorpusFiles(corpusDir);
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const chunks: Document[] = [];
  for (const { file, content } of files) {
    let from = 0;
    for (const text of await splitter.splitText(content)) {
      const start = content.indexOf(text, from);
      from = Math.max(from, start + 1);
      chunks.push(new Document({ pageContent: text, metadata: { file, start, end: start + text.length } }));
    }
  }
  const store = await HNSWLib.fromDocuments(chunks, embedder);
  return async (question) =>
    (await store.similaritySearch(question, 5)).map((doc) => ({
      text: doc.pageContent,
      file: doc.metadata.file as string,
      start: doc.metadata.start as number,
      end: doc.metadata.end as number,
      speaker: '',
      title: '',
      section: '',
      score: 0,
    }));
}

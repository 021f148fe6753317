// The offline embedder: latent semantic analysis (TF-IDF + truncated SVD) fitted on the corpus at ingest.
import { Embeddings } from '@langchain/core/embeddings';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { termCounts, tokenize } from '../tokenize.js';

export interface LsaModelData {
  version: 1;
  dimensions: number;
  terms: string[];
  idf: number[];
  /** terms.length × dimensions, row-major, base64 of a Float32Array: the top right singular vectors. */
  components: string;
}

// Enough latent topics to separate a few hundred passages without memorising each one; capped for large corpora,
// where the fit also runs on a sample (topics are a property of the language, not of every passage).
const MAX_DIMENSIONS = 128;
const MAX_VOCABULARY = 30_000;
const MAX_FIT_TEXTS = 20_000;
// Randomized SVD (Halko, Martinsson & Tropp 2011): oversampling and power iterations for accuracy.
const OVERSAMPLING = 10;
const POWER_ITERATIONS = 2;

interface SparseRow {
  cols: number[];
  vals: number[];
}

export class LsaEmbedder extends Embeddings {
  readonly id: string;
  readonly dimensions: number;
  private readonly termIndex: Map<string, number>;
  private readonly components: Float32Array;

  constructor(private readonly model: LsaModelData) {
    super({});
    this.dimensions = model.dimensions;
    this.id = `local-lsa-v1:${model.dimensions}`;
    this.termIndex = new Map(model.terms.map((term, index) => [term, index]));
    // Copy out of the Buffer: a small one is a view into Node's shared pool, not a buffer of its own.
    const bytes = Buffer.from(model.components, 'base64');
    this.components = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  /** Fits the model on texts (the corpus' sentences or passages). Deterministic for the same input. */
  static fit(texts: string[]): LsaEmbedder {
    const tokenized = sample(texts, MAX_FIT_TEXTS).map(tokenize);
    const { terms, idf } = buildVocabulary(tokenized);
    const termIndex = new Map(terms.map((term, index) => [term, index]));
    const rows = tokenized.map((tokens) => weightRow(tokens, termIndex, idf));
    const dimensions = Math.max(1, Math.min(MAX_DIMENSIONS, Math.ceil(tokenized.length / 3), terms.length));
    const components = topRightSingularVectors(rows, terms.length, dimensions);
    return new LsaEmbedder({
      version: 1,
      dimensions,
      terms,
      idf,
      components: Buffer.from(components.buffer).toString('base64'),
    });
  }

  toJSON(): LsaModelData {
    return this.model;
  }

  /** Whether the model has seen the (stemmed) term: a query's unknown terms are invisible to it. */
  knows(term: string): boolean {
    return this.termIndex.has(term);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Unit vector; the zero vector when the text has no term the model knows. */
  embed(text: string): number[] {
    const row = weightRow(tokenize(text), this.termIndex, this.model.idf);
    const vector = new Array<number>(this.dimensions).fill(0);
    for (let n = 0; n < row.cols.length; n++) {
      const offset = row.cols[n]! * this.dimensions;
      const value = row.vals[n]!;
      for (let d = 0; d < this.dimensions; d++) vector[d]! += value * this.components[offset + d]!;
    }
    const norm = Math.hypot(...vector);
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }
}

/** Every n-th text, so the sample spans the whole corpus deterministically. */
function sample(texts: string[], max: number): string[] {
  if (texts.length <= max) return texts;
  const step = texts.length / max;
  return Array.from({ length: max }, (_, i) => texts[Math.floor(i * step)]!);
}

function buildVocabulary(tokenized: string[][]): { terms: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const tokens of tokenized) for (const term of new Set(tokens)) df.set(term, (df.get(term) ?? 0) + 1);
  // On a large corpus, terms seen once are mostly typos and names: they add noise, not topics.
  const minDf = tokenized.length >= 5_000 ? 2 : 1;
  const terms = [...df]
    .filter(([, count]) => count >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VOCABULARY)
    .map(([term]) => term);
  const n = tokenized.length;
  const idf = terms.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1);
  return { terms, idf };
}

/** Sublinear TF × IDF, L2-normalised, over the known terms only. */
function weightRow(tokens: string[], termIndex: Map<string, number>, idf: number[]): SparseRow {
  const row: SparseRow = { cols: [], vals: [] };
  for (const [term, count] of termCounts(tokens)) {
    const index = termIndex.get(term);
    if (index === undefined) continue;
    row.cols.push(index);
    row.vals.push((1 + Math.log(count)) * idf[index]!);
  }
  const norm = Math.hypot(...row.vals);
  if (norm > 0) row.vals = row.vals.map((value) => value / norm);
  return row;
}

/** The top-k right singular vectors of the sparse rows × vocabulary matrix, as a vocabulary × k Float32Array. */
function topRightSingularVectors(rows: SparseRow[], vocabulary: number, k: number): Float32Array {
  const width = Math.min(vocabulary, k + OVERSAMPLING);
  const random = mulberry32(0x5eed);
  const omega = new Matrix(rows.length, width);
  for (let i = 0; i < rows.length; i++) for (let j = 0; j < width; j++) omega.set(i, j, gaussian(random));
  let basis = orthonormalize(transposeTimes(rows, omega.to1DArray(), width, vocabulary), vocabulary, width);
  for (let i = 0; i < POWER_ITERATIONS; i++) {
    basis = orthonormalize(transposeTimes(rows, times(rows, basis, width), width, vocabulary), vocabulary, width);
  }
  const projected = new Matrix(toRows(times(rows, basis, width), rows.length, width)); // rows × width
  const gram = projected.transpose().mmul(projected); // width × width, = Qᵀ XᵀX Q
  const eigen = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eigen.realEigenvalues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const rotation = new Matrix(width, k);
  order.slice(0, k).forEach(({ index }, column) => rotation.setColumn(column, eigen.eigenvectorMatrix.getColumn(index)));
  return Float32Array.from(new Matrix(toRows(basis, vocabulary, width)).mmul(rotation).to1DArray());
}

// Dense matrices below are row-major Float64Arrays: the sparse products are the hot loops of a large fit.

/** Xᵀ · dense (rows × width), for sparse X (rows × vocabulary): vocabulary × width. */
function transposeTimes(rows: SparseRow[], dense: ArrayLike<number>, width: number, vocabulary: number): Float64Array {
  const out = new Float64Array(vocabulary * width);
  rows.forEach((row, i) => {
    for (let n = 0; n < row.cols.length; n++) {
      const target = row.cols[n]! * width;
      const value = row.vals[n]!;
      for (let c = 0; c < width; c++) out[target + c]! += value * dense[i * width + c]!;
    }
  });
  return out;
}

/** X · dense (vocabulary × width), for sparse X: rows × width. */
function times(rows: SparseRow[], dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let n = 0; n < row.cols.length; n++) {
      const source = row.cols[n]! * width;
      const value = row.vals[n]!;
      for (let c = 0; c < width; c++) out[i * width + c]! += value * dense[source + c]!;
    }
  });
  return out;
}

function toRows(flat: Float64Array, rows: number, width: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * width, (i + 1) * width)));
}

/** Orthonormal columns spanning the same space (modified Gram-Schmidt over the columns). */
function orthonormalize(flat: Float64Array, rows: number, width: number): Float64Array {
  const columns = Array.from({ length: width }, (_, c) => {
    const column = new Float64Array(rows);
    for (let r = 0; r < rows; r++) column[r] = flat[r * width + c]!;
    return column;
  });
  for (let c = 0; c < width; c++) {
    const column = columns[c]!;
    for (let previous = 0; previous < c; previous++) {
      const basis = columns[previous]!;
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += column[r]! * basis[r]!;
      for (let r = 0; r < rows; r++) column[r]! -= dot * basis[r]!;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += column[r]! * column[r]!;
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) column[r] = norm > 1e-12 ? column[r]! / norm : 0;
  }
  const out = new Float64Array(rows * width);
  columns.forEach((column, c) => {
    for (let r = 0; r < rows; r++) out[r * width + c] = column[r]!;
  });
  return out;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

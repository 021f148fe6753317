// Vectors already computed, per corpus file, so that a rebuild embeds only passages whose text is new, and a build
// that dies part way resumes where it stopped: each file's vectors are saved as soon as they are made.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface CacheEntry {
  file: string;
  texts: string[];
  /** Float32 little-endian, texts.length × dimensions, base64. */
  vectors: string;
}

/** One folder per embedder (its key's hash) under `<indexDir>/vectors/`, one JSON file per corpus file. */
export class VectorCache {
  private constructor(private readonly dir: string) {}

  static async open(indexDir: string, embedderKey: string): Promise<VectorCache> {
    const dir = path.join(indexDir, 'vectors', sha256(embedderKey).slice(0, 16));
    await mkdir(dir, { recursive: true });
    return new VectorCache(dir);
  }

  /** The cached vector of each text of the file's passages, undefined where there is none (new or changed text). */
  async lookup(file: string, texts: string[]): Promise<(number[] | undefined)[]> {
    const entry = await readFile(this.entryPath(file), 'utf8')
      .then((json) => JSON.parse(json) as CacheEntry)
      .catch(() => undefined);
    if (!entry || entry.file !== file) return texts.map(() => undefined);
    const floats = new Float32Array(new Uint8Array(Buffer.from(entry.vectors, 'base64')).buffer);
    const dimensions = entry.texts.length > 0 ? floats.length / entry.texts.length : 0;
    const byText = new Map(entry.texts.map((text, i) => [text, Array.from(floats.subarray(i * dimensions, (i + 1) * dimensions))]));
    return texts.map((text) => byText.get(text));
  }

  /** Saves a file's vectors (written aside, then renamed: a crash never leaves half an entry). */
  async save(file: string, texts: string[], vectors: number[][]): Promise<void> {
    const floats = Float32Array.from(vectors.flat());
    const entry: CacheEntry = { file, texts, vectors: Buffer.from(floats.buffer).toString('base64') };
    const target = this.entryPath(file);
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(entry));
    await rename(partial, target);
  }

  /** Drops the entries of files no longer in the corpus. */
  async prune(files: Iterable<string>): Promise<void> {
    const keep = new Set([...files].map((file) => path.basename(this.entryPath(file))));
    for (const name of await readdir(this.dir)) {
      if (!keep.has(name)) await rm(path.join(this.dir, name), { force: true });
    }
  }

  private entryPath(file: string): string {
    return path.join(this.dir, `${sha256(file).slice(0, 32)}.json`);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// What the corpus is made of: documents and the quote-sized passages cut from them.

/** A document's metadata, from its YAML front matter or sensible defaults. */
export interface DocumentInfo {
  /** Path of the corpus file relative to the working directory (the repo root), with forward slashes. */
  file: string;
  title: string;
  /** Who published it, when the text names them. */
  publisher?: string;
  /** Year the document speaks about / was published. */
  year?: number;
  /** Name of the original seed file this document was curated from. */
  sourceFile?: string;
}

/** A paragraph of a document, located by character offsets (JavaScript string indices) into the file. */
export interface Block {
  start: number;
  end: number;
  section: string;
  speaker: string;
  /** A line that only repeats a sentence of the contribution before it: not indexed. */
  pullQuote: boolean;
}

/** A quote-sized run of one to a few whole sentences, verbatim from its file. */
export interface Passage {
  /** Stable id: `file#start`. */
  id: string;
  text: string;
  file: string;
  /**
   * Offsets in UTF-16 code units (JavaScript string indices) into the file's text: the file itself, or textFile for a
   * converted format: readFile(textFile ?? file, 'utf8').slice(start, end) === text.
   */
  start: number;
  end: number;
  /** A converted format's page, slide or row ("page 3"). */
  location?: string;
  /** The document's language (ISO 639-3: "eng", "fra"…); absent in indexes built before languages were told apart: English. */
  language?: string;
  /** A converted format (PDF, DOCX, PPTX, HTML, CSV): the extracted text the offsets index, saved beside the index. */
  textFile?: string;
  section: string;
  /** Who said it, only as the text attributes it ("CMO at Balabit", "CMO #3", "blog post"). */
  speaker: string;
  title: string;
  publisher?: string;
  year?: number;
}

/** "7 Digits (article introduction)": the publisher introducing its contributors, not one of them. */
export function isPublisherFraming({ speaker, publisher }: { speaker: string; publisher?: string }): boolean {
  return publisher !== undefined && speaker.startsWith(publisher);
}

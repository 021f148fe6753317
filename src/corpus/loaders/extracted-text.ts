// The text a converted document (PDF, DOCX, PPTX, HTML, CSV) is read as: Markdown headings and blank-line
// paragraphs, which the corpus parser reads like any other file, and where each page, slide or row starts.

/** A converted document's text and where its pages, slides or rows start in it. */
export interface ExtractedText {
  text: string;
  /** Sorted by start (UTF-16 code units into text): "page 3" from its start up to the next location. */
  locations: TextLocation[];
}

export interface TextLocation {
  start: number;
  label: string;
}

/** The location of an offset into an extracted text: the last one starting at or before it. */
export function locationAt(locations: readonly TextLocation[], offset: number): string | undefined {
  let found: string | undefined;
  for (const location of locations) {
    if (location.start > offset) break;
    found = location.label;
  }
  return found;
}

/** Writes headings and paragraphs; text is normalised to one line per paragraph. */
export class TextBuilder {
  #text = '';
  #locations: TextLocation[] = [];
  #open = false;

  heading(level: number, text: string, location?: string): void {
    this.#block(`${'#'.repeat(level)} ${oneLine(text)}`, location);
    this.#open = false;
  }

  paragraph(text: string, location?: string): void {
    const line = oneLine(text);
    if (line === '') return;
    this.#block(line, location);
    this.#open = true;
  }

  /** Goes on with the open paragraph (a new one when none is): after a space, or in place of its final hyphen. */
  continueParagraph(text: string, { dropHyphen, location }: { dropHyphen: boolean; location?: string }): void {
    const line = oneLine(text);
    if (!this.#open) return this.paragraph(line, location);
    if (dropHyphen) this.#text = this.#text.slice(0, -1);
    else this.#text += ' ';
    this.#mark(location);
    this.#text += line;
  }

  done(): ExtractedText {
    return { text: this.#text === '' ? '' : `${this.#text}\n`, locations: this.#locations };
  }

  #block(line: string, location: string | undefined): void {
    if (this.#text !== '') this.#text += '\n\n';
    this.#mark(location);
    this.#text += line;
  }

  #mark(location: string | undefined): void {
    if (location !== undefined && this.#locations.at(-1)?.label !== location) this.#locations.push({ start: this.#text.length, label: location });
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

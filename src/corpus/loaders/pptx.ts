// PowerPoint decks: each slide's text (title, bullets, tables) and its speaker notes, in the deck's order (JSZip
// opens the package, fast-xml-parser reads its XML).
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import path from 'node:path';
import { TextBuilder, type ExtractedText } from './extracted-text.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false });

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

/** A deck as "## Slide n: title", the slide's paragraphs, then "Speaker notes" and the notes' paragraphs. */
export async function extractPptx(bytes: Uint8Array): Promise<ExtractedText> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    return file ? (xml.parse(await file.async('string')) as Node[]) : [];
  };
  // A part's relationships: id → the part it points at.
  const relationships = async (part: string) => {
    const folder = path.posix.dirname(part);
    const rels = await read(path.posix.join(folder, '_rels', `${path.posix.basename(part)}.rels`));
    return new Map(findAll(rels, 'Relationship').map((node) => [node[':@']?.Id, path.posix.normalize(path.posix.join(folder, node[':@']?.Target ?? ''))]));
  };
  const presentation = await relationships('ppt/presentation.xml');
  const slides = findAll(await read('ppt/presentation.xml'), 'p:sldId').map((node) => presentation.get(node[':@']?.['r:id']) ?? '');
  const out = new TextBuilder();
  for (const [index, slide] of slides.entries()) {
    const where = `slide ${index + 1}`;
    const shapes = await read(slide);
    const title = paragraphs(shapes, (shape) => placeholder(shape) === 'title' || placeholder(shape) === 'ctrTitle')[0];
    out.heading(2, title ? `Slide ${index + 1}: ${title}` : `Slide ${index + 1}`, where);
    for (const text of paragraphs(shapes, (shape) => !['title', 'ctrTitle', 'sldNum', 'dt', 'ftr'].includes(placeholder(shape) ?? '')))
      out.paragraph(text, where);
    const notes = [...(await relationships(slide)).values()].find((target) => target.includes('notesSlide'));
    const noteText = notes ? paragraphs(await read(notes), (shape) => placeholder(shape) === 'body') : [];
    if (noteText.length > 0) out.heading(3, `Slide ${index + 1} speaker notes`, where);
    for (const text of noteText) out.paragraph(text, where);
  }
  return out.done();
}

// The text of every a:p in the shapes (p:sp, table cells) that pass the filter, one string per paragraph.
function paragraphs(tree: Node[], keep: (shape: Node) => boolean): string[] {
  const texts: string[] = [];
  for (const shape of [...findAll(tree, 'p:sp'), ...findAll(tree, 'p:graphicFrame')]) {
    if (!keep(shape)) continue;
    for (const paragraph of findAll([shape], 'a:p')) {
      const text = findAll([paragraph], 'a:t')
        .map((run) => textOf(run))
        .join('')
        .trim();
      if (text !== '') texts.push(text);
    }
  }
  return texts;
}

function placeholder(shape: Node): string | undefined {
  const [ph] = findAll([shape], 'p:ph');
  return ph ? (ph[':@']?.type ?? 'body') : undefined;
}

function textOf(node: Node): string {
  return ((node['a:t'] as Node[] | undefined) ?? []).map((child) => String(child['#text'] ?? '')).join('');
}

// Every element of that name, depth first in document order.
function findAll(nodes: Node[], name: string): Node[] {
  const found: Node[] = [];
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === name) found.push(node);
      else if (Array.isArray(value)) found.push(...findAll(value as Node[], name));
    }
  }
  return found;
}

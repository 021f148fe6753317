// Saved web pages (the article, not the page around it: Mozilla's Readability, on linkedom's DOM) and DOCX files
// (mammoth's HTML), written out as headings and paragraphs.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { TextBuilder, type ExtractedText } from './extracted-text.js';

// Page chrome Readability sometimes keeps: ad slots, cookie banners, comment threads.
const CHROME = [
  '[aria-label*="advert" i]',
  '[class*="advert" i]',
  '[id*="advert" i]',
  '[class*="cookie" i]',
  '[id*="cookie" i]',
  '[class*="comment" i]',
  '[id*="comment" i]',
  '[class*="newsletter" i]',
  'nav',
  'aside',
  'footer',
  'form',
  'script',
  'style',
  'noscript',
].join(',');

/** A saved web page's article (title, headings, paragraphs, quotations with their credit), as Readability finds it. */
export function extractHtml(html: string): ExtractedText {
  const { document } = parseHTML(html);
  for (const element of document.querySelectorAll(CHROME)) element.remove();
  const article = new Readability(document as unknown as Document).parse();
  const out = new TextBuilder();
  if (article?.title) out.heading(1, article.title);
  if (article?.content) writeBlocks(parseHTML(`<html><body>${article.content}</body></html>`).document.body, out);
  return out.done();
}

/** A Word document's text: headings, paragraphs and table rows, as mammoth reads them. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const out = new TextBuilder();
  writeBlocks(parseHTML(`<html><body>${value}</body></html>`).document.body, out);
  return out.done();
}

const BLOCKS = new Set(['P', 'LI', 'DT', 'DD', 'FIGCAPTION', 'PRE']);

// Each heading, paragraph, list item or table row becomes one block; containers are walked into.
function writeBlocks(node: ParentNode, out: TextBuilder): void {
  for (const child of Array.from(node.children)) {
    const heading = /^H([1-6])$/.exec(child.tagName);
    if (heading) out.heading(heading[1] === '1' ? 1 : 2, child.textContent ?? '');
    else if (child.tagName === 'CITE')
      out.paragraph(`— ${child.textContent ?? ''}`); // a quotation's credit, as a credit line
    else if (child.tagName === 'TR') out.paragraph(Array.from(child.children, (cell) => (cell.textContent ?? '').trim()).join(' | '));
    else if (BLOCKS.has(child.tagName) && !child.querySelector('p, li, tr, h1, h2, h3, h4, h5, h6')) out.paragraph(child.textContent ?? '');
    else if (child.children.length > 0) writeBlocks(child, out);
    else out.paragraph(child.textContent ?? '');
  }
}

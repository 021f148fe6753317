// Each converted format of the fixture library read as its loader must: the document's text without page chrome, in
// reading order, with where each page, slide or row starts; and a file no loader can read skipped with its reason.
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorpus, readCorpusFiles, type CorpusFiles } from '../../src/corpus/load-corpus.js';
import { locationAt, type ExtractedText } from '../../src/corpus/loaders/extracted-text.js';
import { extractText } from '../../src/corpus/loaders/extract.js';

const LIBRARY = 'test/fixtures/library';
const load = (file: string) => extractText(path.extname(file).toLowerCase(), readFileSync(path.join(LIBRARY, file)));
const at = (extracted: ExtractedText, phrase: string) => locationAt(extracted.locations, extracted.text.indexOf(phrase));

describe('PDF', () => {
  it('drops running headers, footers and page numbers, footnote markers, and rejoins hyphenated line breaks', async () => {
    const pdf = await load('Reports/quillmark-state-of-retail-media-2025.pdf');
    for (const chrome of ['Page 1 of 3', 'Page 2 of 3', 'Redistribution prohibited', 'Client edition', 'Quillmark Research | The Shelf']) {
      expect(pdf.text).not.toContain(chrome);
    }
    expect(pdf.text).toContain('only 7 percent planned cuts. The average respondent'); // the marker "1" is gone
    expect(pdf.text).toContain('nearly half said they expected to double it'); // "expec-" / "ted"
    expect(pdf.text).toContain('self-reported'); // a real hyphen stays
    expect(pdf.text).toMatch(/^# The Shelf Goes Digital\n/);
    expect(pdf.text).toMatch(/## Notes\n\n1 Quillmark Brand Marketer Panel/);
  });

  it('keeps a paragraph whole across a page break, and knows the page of every part', async () => {
    const pdf = await load('Reports/quillmark-state-of-retail-media-2025.pdf');
    expect(at(pdf, 'Retail media has stopped being an experiment')).toBe('page 1');
    expect(at(pdf, 'Kornhaus says its network now serves 1,400 advertisers')).toBe('page 2');
    expect(pdf.text).not.toMatch(/\w- \w/); // no word left broken
  });

  it('reads two columns one after the other, not line by line across', async () => {
    const pdf = await load('Reports/halvorsen-pike_b2b-buying-signals_2025.pdf');
    const first = pdf.text.indexOf('Marketing-qualified leads fell by 38 percent');
    const second = pdf.text.indexOf('## Dark social breaks attribution');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(pdf.text).toContain('the median buying group had grown to nine people. Much of that research happens where marketers cannot see it');
  });
});

describe('DOCX, PPTX, HTML and CSV', () => {
  it('reads a Word document with its headings, curly apostrophes and table rows', async () => {
    const docx = await load('Interviews/Tidewell CMO interview - writeup.docx');
    expect(docx.text).toMatch(/^# Peer interview: Colm Arkwright, CMO of Tidewell Apparel\n/);
    expect(docx.text).toContain('## Key points from the conversation');
    expect(docx.text).toContain('Colm said Tidewell’s twelve-minute gear-test films');
    expect(docx.text).toContain('Paid social | 46% | 31%');
  });

  it('reads a deck slide by slide in the deck’s order, speaker notes included, each located by its slide', async () => {
    const deck = await load('Decks/Q3 Brand Planning Offsite v3 FINAL.pptx');
    expect(deck.text).toMatch(/^## Slide 1: Q3 Brand Planning Offsite\n/);
    expect(deck.text.indexOf('## Slide 2:')).toBeLessThan(deck.text.indexOf('## Slide 3:'));
    expect(at(deck, 'Paid social on its own went up 31 percent')).toBe('slide 2'); // only in the notes
    expect(at(deck, 'we are dropping the Sunday evening send')).toBe('slide 5');
  });

  it('reads a saved web page’s article, not its cookie banner, navigation, ads or comments', async () => {
    const page = await load('Web/margin-ledger-creators-not-celebrities.html');
    expect(page.text).toContain('We paid one celebrity more than forty mid-tier creators combined');
    expect(page.text).toContain('— Leon Vasquez-Hart, Head of Creator Partnerships at Brollo Shoes'); // the <cite>, as a credit line
    for (const chrome of ['Accept all', 'Advertisement', 'Gatherlight', 'Subscribe', '<div', 'function(']) expect(page.text).not.toContain(chrome);
  });

  it('reads a survey export as one section per row and one paragraph per free-text answer, a line break in a cell kept', async () => {
    const csv = await load('Surveys/pulse-survey-2025-export.csv');
    expect(csv.text).toMatch(/^## R-1001 · CMO · 1000-4999 · Consumer goods · DE · In production\n\nShifting trade spend into retail media/);
    expect(at(csv, 'Our analytics shows 40% fewer sessions')).toBe('row 3');
    expect(csv.text).not.toContain('2025-04-02 10:03:12'); // a timestamp is not what a row is about
  });
});

describe('a library with converted files', () => {
  let dir: string;
  let read: CorpusFiles;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trendbot-loaders-'));
    await cp(path.join(LIBRARY, 'Reports'), path.join(dir, 'corpus/Reports'), { recursive: true });
    await cp(path.join(LIBRARY, 'Decks'), path.join(dir, 'corpus/Decks'), { recursive: true });
    await writeFile(
      path.join(dir, 'corpus/Reports/truncated.pdf'),
      readFileSync(path.join(LIBRARY, 'Reports/quillmark-state-of-retail-media-2025.pdf')).subarray(0, 900),
    );
    await writeFile(path.join(dir, 'corpus/Decks/not-a-deck.pptx'), 'this is not a zip file');
    await writeFile(path.join(dir, 'corpus/Decks/empty.csv'), 'a,b\n');
    read = await readCorpusFiles(path.join(dir, 'corpus'), path.join(dir, 'index/text'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('skips a file its loader cannot read, saying why, and reads the rest', () => {
    const reasons = Object.fromEntries(read.skipped.map(({ file, reason }) => [path.basename(file), reason]));
    expect(reasons['truncated.pdf']).toMatch(/^cannot be read as a PDF \(/);
    expect(reasons['not-a-deck.pptx']).toMatch(/^cannot be read as a PowerPoint deck \(/);
    expect(reasons['empty.csv']).toBe('no text in this CSV');
    expect(read.files.map(({ file }) => path.basename(file))).toEqual([
      'Q3 Brand Planning Offsite v3 FINAL.pptx',
      'halvorsen-pike_b2b-buying-signals_2025.pdf',
      'quillmark-state-of-retail-media-2025.pdf',
    ]);
  });

  it('saves each extracted text beside the index, and every passage is verbatim in it at its offsets, with its page or slide', () => {
    const passages = parseCorpus(read.files).passages;
    expect(passages.length).toBeGreaterThan(50);
    for (const passage of passages) {
      expect(passage.textFile).toBeDefined();
      expect(readFileSync(passage.textFile!, 'utf8').slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.location).toMatch(/^(page|slide) \d+$/);
    }
    expect(readdirSync(path.join(dir, 'index/text'), { recursive: true }).filter((name) => String(name).endsWith('.txt'))).toHaveLength(3);
    expect(passages.find((passage) => passage.text.includes('shelf space'))).toMatchObject({
      file: expect.stringMatching(/corpus\/Reports\/quillmark-state-of-retail-media-2025\.pdf$/),
      location: 'page 1',
      speaker: 'Mara Lindqvist, CMO at Fjordline Foods',
    });
  });
  it('removes the saved text of a converted file that left the corpus', async () => {
    await rm(path.join(dir, 'corpus/Decks/Q3 Brand Planning Offsite v3 FINAL.pptx'));
    await readCorpusFiles(path.join(dir, 'corpus'), path.join(dir, 'index/text'));
    expect(readdirSync(path.join(dir, 'index/text'), { recursive: true }).filter((name) => String(name).endsWith('.txt'))).toHaveLength(2);
  });
});

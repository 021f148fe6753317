// The promise behind every quote: passages are verbatim slices of their corpus files, and of the original seeds.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';

const corpus = await loadCorpus('corpus');
const seeds = readdirSync('test/fixtures/seeds').map((name) => readFileSync(`test/fixtures/seeds/${name}`, 'utf8'));

describe('the curated corpus', () => {
  it('has passages whose offsets round-trip to their file', () => {
    expect(corpus.passages.length).toBeGreaterThan(50);
    for (const passage of corpus.passages) {
      expect(readFileSync(passage.file, 'utf8').slice(passage.start, passage.end)).toBe(passage.text);
    }
  });

  it('keeps every passage character-for-character as in a seed (curly quotes, dashes, no-break spaces)', () => {
    for (const passage of corpus.passages)
      expect(
        seeds.some((seed) => seed.includes(passage.text)),
        passage.text,
      ).toBe(true);
    expect(corpus.passages.some((passage) => passage.text.includes('\u00a0'))).toBe(true);
    expect(corpus.passages.some((passage) => passage.text.includes('’'))).toBe(true);
  });

  it('attributes the 2017 article to 21 contributors, named by company only where the text names it', () => {
    const article = corpus.passages.filter((passage) => passage.year === 2017);
    const cmos = [...new Set(article.map((passage) => passage.speaker))].filter((speaker) => speaker.startsWith('CMO'));
    expect(cmos).toHaveLength(21);
    for (const speaker of cmos) expect(speaker).toMatch(/^CMO (#\d{1,2}|at (Balabit|Folloze|Pusher))$/);
    for (const company of ['Balabit', 'Folloze', 'Pusher']) {
      const theirs = article.filter((passage) => passage.speaker === `CMO at ${company}`);
      expect(theirs.some((passage) => passage.text.includes(company))).toBe(true);
    }
    expect(article[0]?.speaker).toBe('7 Digits (article introduction)');
    expect(article.at(-1)?.speaker).toBe('7 Digits (article closing)');
    expect(article.every((passage) => passage.publisher === '7 Digits')).toBe(true);
  });

  it('does not index pull quotes that repeat a contribution', () => {
    const pullQuote = 'Facebook and Google are eating up smaller players in the market.';
    expect(corpus.passages.filter((passage) => passage.text === pullQuote)).toHaveLength(0);
    expect(corpus.passages.some((passage) => passage.text.includes('eating up smaller players in the market'))).toBe(true);
  });

  it('speaks of the 2014 posts as blog posts, split by their own headings', () => {
    const posts = corpus.passages.filter((passage) => passage.year === 2014);
    expect(new Set(posts.map((passage) => passage.speaker))).toEqual(new Set(['blog post']));
    expect(posts.map((passage) => passage.section)).toContain('2. Visual Marketing');
    expect(posts.map((passage) => passage.section)).toContain('3. Big Data');
  });

  it('never cuts a sentence: passages end on sentence punctuation or at the end of their paragraph', () => {
    for (const passage of corpus.passages) {
      const content = readFileSync(passage.file, 'utf8');
      const after = content.slice(passage.end, passage.end + 1);
      expect(after === '' || /\s/.test(after), passage.text).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/corpus/parse-document.js';
import { splitPassages } from '../../src/corpus/split-passages.js';

describe('parseDocument', () => {
  it('reads front matter, sections, speaker directives and pull quotes with exact offsets', () => {
    const content = [
      '---',
      'title: "Trends: a test"',
      'year: 2020',
      'speaker: blog post',
      '---',
      '',
      '## Section one',
      '',
      '<!-- speaker: CMO #1 -->',
      '<!-- a curator note, ignored -->',
      '',
      'First paragraph here.',
      '',
      '<!-- pull-quote -->',
      'Repeated line.',
      '',
      '## Section two',
      '',
      'Second paragraph.',
      '',
    ].join('\n');
    const { info, blocks } = parseDocument('corpus/x.md', content);
    expect(info).toMatchObject({ title: 'Trends: a test', year: 2020, file: 'corpus/x.md' });
    expect(blocks.map((block) => [content.slice(block.start, block.end), block.section, block.speaker, block.pullQuote])).toEqual([
      ['First paragraph here.', 'Section one', 'CMO #1', false],
      ['Repeated line.', 'Section one', 'CMO #1', true],
      ['Second paragraph.', 'Section two', 'blog post', false],
    ]);
  });

  it('gives a plain text file sensible defaults: title from the file name, year from it, unattributed speaker', () => {
    const { info, blocks } = parseDocument('corpus/2019_video-report.txt', 'Video is big.\n\nAudio too.\n');
    expect(info).toMatchObject({ title: '2019 video report', year: 2019 });
    expect(blocks.map((block) => block.speaker)).toEqual(['unattributed', 'unattributed']);
  });

  it('takes the title from the first heading when there is no front matter', () => {
    expect(parseDocument('corpus/notes.md', '# Notes on SEO\n\nText.\n').info.title).toBe('Notes on SEO');
  });

  it('rejects malformed front matter with a message naming the file', () => {
    expect(() => parseDocument('corpus/bad.md', '---\ntitle: a: b\n---\ntext\n')).toThrow(/corpus\/bad\.md: the YAML front matter/);
  });
});

describe('splitPassages', () => {
  it('groups whole sentences into passages of a few sentences, keeping offsets', () => {
    const sentence = 'This sentence is about forty characters. ';
    const content = sentence.repeat(9).trim();
    const info = { file: 'f.md', title: 'T' };
    const passages = splitPassages(info, content, [{ start: 0, end: content.length, section: '', speaker: 's', pullQuote: false }]);
    expect(passages.length).toBeGreaterThan(1);
    for (const passage of passages) {
      expect(content.slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.text.endsWith('.')).toBe(true);
      expect(passage.text.split('. ').length).toBeLessThanOrEqual(6);
    }
    expect(passages.map((passage) => passage.text).join(' ')).toBe(content);
  });

  it('cuts a sentence longer than a passage may be at a clause break or a space, keeping offsets', () => {
    const content = `${Array.from({ length: 60 }, (_, i) => `item number ${i}, then`).join(' ')} the end`;
    const info = { file: 'f.md', title: 'T' };
    const passages = splitPassages(info, content, [{ start: 0, end: content.length, section: '', speaker: 's', pullQuote: false }]);
    expect(passages.length).toBeGreaterThan(2);
    for (const passage of passages) {
      expect(content.slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.text.length).toBeLessThanOrEqual(480);
      expect(passage.text).toBe(passage.text.trim());
    }
    expect(passages.map((passage) => passage.text).join(' ')).toBe(content);
  });
});

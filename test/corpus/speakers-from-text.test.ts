// Who says each paragraph, from the text alone: every transcript style a research library has, a quotation's credit
// line, and lines that only look like a turn.
import { describe, expect, it } from 'vitest';
import { parseCorpus } from '../../src/corpus/load-corpus.js';

/** Each passage as "speaker: text". */
function said(content: string, file = 'corpus/t.md'): string[] {
  return parseCorpus([{ file, content }]).passages.map(({ speaker, text }) => `${speaker}: ${text}`);
}

describe('speakers from the text', () => {
  it('reads "Name (Role, Company):" turns, leaving the label out of the quote', () => {
    expect(said('Nell Farrow (Moderator, Quillmark): What changed?\n\nMara Lindqvist (CMO, Fjordline Foods): The volume changed.\n')).toEqual([
      'Nell Farrow (Moderator, Quillmark): What changed?',
      'Mara Lindqvist (CMO, Fjordline Foods): The volume changed.',
    ]);
  });

  it('reads "Name, Title at Company:" turns with timestamps between them, a turn going on over paragraphs', () => {
    const text =
      '[00:00:04]\nPavel Drozdek, Host at The Funnel Room: Welcome back.\n\n[00:01:12]\nSaoirse Mbeki-Lund, Community Director at Oddbolt Games: About 340,000.\n\nThat gap is the case.\n';
    expect(said(text)).toEqual([
      'Pavel Drozdek, Host at The Funnel Room: Welcome back.',
      'Saoirse Mbeki-Lund, Community Director at Oddbolt Games: About 340,000.',
      'Saoirse Mbeki-Lund, Community Director at Oddbolt Games: That gap is the case.',
    ]);
  });

  it('gives Q: and A: to the interviewer and interviewee the header names', () => {
    const text =
      '# Q&A\n\n**Interviewer:** Juno Abernathy, CRM Lead, Lumisk Home\n**Interviewee:** Yusra Benhadda, Director of Lifecycle Marketing, Petalcrest Beauty\n\nQ: Why fewer emails?\n\nA: Because our unsubscribe rate told us to.\n';
    expect(said(text).slice(-2)).toEqual([
      'Juno Abernathy, CRM Lead, Lumisk Home: Why fewer emails?',
      'Yusra Benhadda, Director of Lifecycle Marketing, Petalcrest Beauty: Because our unsubscribe rate told us to.',
    ]);
    expect(said('Q: Why?\n\nA: Because.\n')).toEqual(['interviewer: Why?', 'interviewee: Because.']);
  });

  it('reads bold names, with the French space before the colon, and a bare name from the header that introduces it', () => {
    expect(said('**Claire Duvernoy :** Les cookies ?\n\n**Jérôme Castelnau-Vidal :** Énormément.\n\n**Claire Duvernoy :** Et ensuite ?\n')).toEqual([
      'Claire Duvernoy: Les cookies ?',
      'Jérôme Castelnau-Vidal: Énormément.',
      'Claire Duvernoy: Et ensuite ?',
    ]);
    const german =
      'Gesprächspartnerin: Friederike Obermaier-Sand, Leiterin Digitalmarketing bei Grünhalde Mobility\n\nFriederike Obermaier-Sand: Bei 47 Prozent.\n';
    expect(said(german).at(-1)).toBe('Friederike Obermaier-Sand, Leiterin Digitalmarketing bei Grünhalde Mobility: Bei 47 Prozent.');
  });

  it('resolves a first name to the one person of that name the document names in full', () => {
    expect(said('Theo Brannigan and Juno Abernathy present.\n\nJuno: we are dropping the Sunday send.\n').at(-1)).toBe(
      'Juno Abernathy: we are dropping the Sunday send.',
    );
  });

  it('credits a quotation to the "— Name, Title" line under it, on the next line or as the next paragraph', () => {
    const text =
      '"A consent banner is the first conversation."\n— Friederike Obermaier-Sand, Head of Digital Marketing, Grünhalde Mobility\n\n“We moved budget.”\n\n— Mara Lindqvist, CMO at Fjordline Foods\n\nThe panel agreed.\n';
    expect(said(text)).toEqual([
      'Friederike Obermaier-Sand, Head of Digital Marketing, Grünhalde Mobility: "A consent banner is the first conversation."',
      'Mara Lindqvist, CMO at Fjordline Foods: “We moved budget.”',
      'unattributed: The panel agreed.',
    ]);
  });

  it('takes no label for a speaker that is not someone: notes, agenda items, a company named once', () => {
    const text = 'Note: the deck is a draft.\n\nNext steps: ship it.\n\nKornhaus Markets: retail media network opening.\n\nSession: Email is a product.\n';
    expect(said(text).every((line) => line.startsWith('unattributed: '))).toBe(true);
  });

  it('lets the front matter and speaker comments override the labels', () => {
    expect(said('---\nspeaker: blog post\n---\n\nMara Lindqvist (CMO, Fjordline Foods): Hello.\n')).toEqual([
      'blog post: Mara Lindqvist (CMO, Fjordline Foods): Hello.',
    ]);
    expect(said('<!-- speaker: CMO #3 -->\nMara Lindqvist (CMO, Fjordline Foods): Hello.\n')).toEqual([
      'CMO #3: Mara Lindqvist (CMO, Fjordline Foods): Hello.',
    ]);
  });

  it('credits reporting prose to the one person the document introduces: by full, last or first name, "said X", "according to X"', () => {
    const text = [
      '# Field notes: Priya Castellanos, VP of Brand at Hollowmere Tea',
      'Priya said their loose-leaf subscriptions now outsell gift tins.',
      'Most of the growth came from reorders, Castellanos argued, not from new buyers.',
      '"Samples are our best advert," said Castellanos. She sends one with every order.',
      'According to Priya Castellanos, tea tastings in stores are over.',
    ].join('\n\n');
    expect(said(text)).toEqual([
      'Priya Castellanos, VP of Brand at Hollowmere Tea: Priya said their loose-leaf subscriptions now outsell gift tins.',
      'Priya Castellanos, VP of Brand at Hollowmere Tea: Most of the growth came from reorders, Castellanos argued, not from new buyers.',
      'Priya Castellanos, VP of Brand at Hollowmere Tea: "Samples are our best advert," said Castellanos. She sends one with every order.',
      'Priya Castellanos, VP of Brand at Hollowmere Tea: According to Priya Castellanos, tea tastings in stores are over.',
    ]);
  });

  it('labels prose as the credit line labels the same person, and gives a quotation introduced with a colon to its introducer', () => {
    const text = [
      '"Nobody reads the catalogue." \n— Otto Wendling, Head of Retail at Brisk Bikes',
      'Otto Wendling, who runs retail at Brisk Bikes, said the shops now matter more than the site. He put it plainly:',
      '"Our stores are the ad."',
    ].join('\n\n');
    expect(said(text)).toEqual([
      'Otto Wendling, Head of Retail at Brisk Bikes: "Nobody reads the catalogue."',
      'Otto Wendling, Head of Retail at Brisk Bikes: Otto Wendling, who runs retail at Brisk Bikes, said the shops now matter more than the site. He put it plainly:',
      'Otto Wendling, Head of Retail at Brisk Bikes: "Our stores are the ad."',
    ]);
  });

  it('credits no one when the prose names a company, a crowd, two people, or someone the document never introduces', () => {
    const text = [
      'Ada Brennick, CMO at Fernvale, and Tomas Iriarte, founder of Quillby, spoke on one panel.',
      'Fernvale says its app has 2 million users.',
      'In our survey, 61 percent said budgets would rise. Several respondents said agencies cost too much.',
      'Brennick said yes; Iriarte said no.',
      'Gus said the coffee was cold.',
      'Ada Brennick runs a team of forty.',
    ].join('\n\n');
    expect(said(text).every((line) => line.startsWith('unattributed: '))).toBe(true);
  });
});

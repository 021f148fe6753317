import { describe, expect, it } from 'vitest';
import { asksForEverything, speakerNamedIn } from '../../src/retrieval/speakers.js';

const speakers = ['CMO #1', 'CMO #7', 'CMO #17', 'CMO at Pusher', 'CMO at Balabit', 'blog post', '7 Digits (article introduction)'];

describe('speakerNamedIn', () => {
  it.each([
    ['What did CMO #7 say?', 'CMO #7'],
    ['what does cmo 7 predict', 'CMO #7'],
    ['Show me the 17th CMO', 'CMO #17'],
    ['What does the Pusher CMO say about content?', 'CMO at Pusher'],
    ['balabit', 'CMO at Balabit'],
  ])('%s names %s', (question, speaker) => {
    expect(speakerNamedIn(question, speakers)?.speakers).toEqual([speaker]);
  });

  it('names nobody in a topic question, and nobody in particular in a comparison', () => {
    expect(speakerNamedIn('What will happen with live video in 2017?', speakers)).toBeUndefined();
    expect(speakerNamedIn('How many CMOs mention 17 trends?', speakers)).toBeUndefined();
    expect(speakerNamedIn('Do Pusher and Balabit agree?', speakers)).toBeUndefined();
  });

  it('tells "everything they said" from one topic of theirs', () => {
    expect(asksForEverything(speakerNamedIn('What did CMO #7 say?', speakers)!)).toBe(true);
    expect(asksForEverything(speakerNamedIn('What does the Pusher CMO predict?', speakers)!)).toBe(true);
    expect(asksForEverything(speakerNamedIn('What does the Pusher CMO say about content marketing?', speakers)!)).toBe(false);
  });
});

describe('speakerNamedIn, for speakers found in transcripts and credits', () => {
  const people = [
    'Mara Lindqvist (CMO, Fjordline Foods)',
    'Mara Lindqvist, CMO at Fjordline Foods',
    'Tobias Achterberg, Head of Retail Media at Kornhaus Markets',
    'Ines Okafor-Brandt, VP Growth at Saltmarsh Software',
    'Juno Abernathy',
    'unattributed',
  ];

  it.each([
    ['What did Mara Lindqvist say about retail media?', 'Mara Lindqvist'],
    ['what does lindqvist think of short video', 'Mara Lindqvist'],
    ['What did the head of retail media at Kornhaus say about screens?', 'Tobias Achterberg'],
    ['what did the VP Growth at Saltmarsh Software say about forms', 'Ines Okafor-Brandt'],
    ['What did Juno Abernathy say?', 'Juno Abernathy'],
  ])('%s names %s, under every credit they have', (question, person) => {
    const mention = speakerNamedIn(question, people)!;
    expect(mention.speakers.length).toBeGreaterThan(0);
    expect(mention.speakers.every((speaker) => speaker.startsWith(person))).toBe(true);
    expect(mention.speakers).toEqual(people.filter((speaker) => speaker.startsWith(person)));
    expect(mention.rest).not.toMatch(new RegExp(person.split(' ').at(-1)!, 'i'));
  });

  it('does not take a company named in a topic question for one of its people', () => {
    expect(speakerNamedIn('How many advertisers does Kornhaus have on its network?', people)).toBeUndefined();
    expect(speakerNamedIn('Did Mara Lindqvist and Tobias Achterberg agree?', people)).toBeUndefined();
  });
});

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
    expect(speakerNamedIn(question, speakers)?.speaker).toBe(speaker);
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

import { describe, expect, it } from 'vitest';
import { asksForQuantity, namesIn, statesQuantity } from '../../src/retrieval/answerability.js';

describe('asksForQuantity', () => {
  it.each([
    ['How much should we pay for a podcast sponsorship slot?', true],
    ['By what percentage does personalization raise conversion rates?', true],
    ['What share of consumers are influenced by online reviews?', true],
    ["What's a typical cost per click for LinkedIn ads?", true],
    ['How will live video change marketing?', false],
    ['What do CMOs say about data?', false],
  ])('%s → %s', (question, expected) => {
    expect(asksForQuantity(question)).toBe(expected);
  });
});

describe('statesQuantity', () => {
  it.each([
    ['text has a 98% open rate!', true],
    ['more than 1.1 billion active users', true],
    ['60% more profitable than their competitors', true],
    ['half of all marketers', true],
    ['2017 will bring a rise in live video.', false],
    ['In 2014, social media will grow.', false],
  ])('%s → %s', (text, expected) => {
    expect(statesQuantity(text)).toBe(expected);
  });
});

describe('namesIn', () => {
  it('finds names by their capitals, not a capital that only starts a sentence', () => {
    expect(namesIn('What are best practices for TikTok ad creatives?').map(({ word }) => word)).toEqual(['tiktok']);
    expect(namesIn('what about Spotify ads specifically?').map(({ word }) => word)).toEqual(['spotify']);
    expect(namesIn('Do the CMOs care about GDPR? Privacy matters.').map(({ word }) => word)).toEqual(['gdpr']);
    expect(namesIn('Podcasts and video: which will grow?')).toEqual([]);
    expect(namesIn('WHAT WILL HAPPEN WITH LIVE VIDEO?')).toEqual([]);
  });
});

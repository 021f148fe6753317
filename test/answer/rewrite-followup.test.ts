import { describe, expect, it } from 'vitest';
import { isFollowUp, rewriteFollowUp, switchedTopic } from '../../src/answer/rewrite-followup.js';

describe('isFollowUp', () => {
  it.each([
    ['And what about audio?', true],
    ['What about B2B?', true],
    ['Which companies use it?', true],
    ['Does that apply to small businesses too?', true],
    ['Why?', true],
    ['podcasts', false],
    ['What do CMOs predict about live video in 2017?', false],
    ['Which CMO thinks clients will want brands to use everything they know about them when crafting offers?', false],
  ])('%s → %s', (question, expected) => {
    expect(isFollowUp(question)).toBe(expected);
  });
});

describe('rewriteFollowUp', () => {
  it('carries the topic of the last standalone question, and of follow-ups after it', () => {
    expect(rewriteFollowUp('And what about audio?', ['What is next for content marketing?'])).toEqual({
      text: 'And what about audio? (following up on: What is next for content marketing?)',
      context: ['What is next for content marketing?'],
      ownTopic: 'audio',
    });
    expect(rewriteFollowUp('And for B2B?', ['Tell me about video', 'podcasts', 'What about SMBs?']).context).toEqual(['podcasts', 'What about SMBs?']);
  });

  it('leaves a question that stands alone, or one without history, as it is', () => {
    expect(rewriteFollowUp('What will happen with live video?', ['podcasts'])).toEqual({ text: 'What will happen with live video?', context: [] });
    expect(rewriteFollowUp('And what about audio?', [])).toEqual({ text: 'And what about audio?', context: [] });
  });
});

describe('switchedTopic', () => {
  it.each([
    ['What about radio?', 'radio'],
    ['and print newspapers?', 'print newspapers'],
    ['How about B2B companies?', 'B2B companies'],
    ['And what about audio?', 'audio'],
    // Elaborations keep the earlier topic: they ask more about it, not the same about something else.
    ['and how does it help with loyalty?', undefined],
    ['is that just a passing fad?', undefined],
    ['And in 2014?', undefined],
    ['What about them?', undefined],
  ])('%s → %s', (question, expected) => {
    expect(switchedTopic(question)).toBe(expected);
  });
});

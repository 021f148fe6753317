// Verification while streaming: nothing is shown before its sentence is settled and verified, at any chunking.
import { describe, expect, it } from 'vitest';
import { verifyAnswer } from '../../src/answer/verify-answer.js';
import { settledLength, StreamingVerifier } from '../../src/answer/verify-stream.js';

const PASSAGES = [
  '2017 will bring a rise in live video. Brands will “go live” on every channel.',
  'Account-based marketing (ABM) won’t slow down.',
  'Podcasts are the new radio.',
];
const SPEAKERS = ['CMO #1', 'CMO at Balabit', 'CMO #3'];

// Answers a model might write: sound, fabricated, misattributed, citations after the full stop, invalid citations,
// quotations holding full stops, apostrophes, paragraphs.
const ANSWERS = [
  'One CMO expects “a rise in live video” [1]. Another says ABM “won’t slow down” [2]. Podcasts are “the new radio” [3].',
  'A CMO says "video will replace every other kind of marketing" [1]. ABM won’t slow down [2]. Brands go live [1].',
  'The CMO at Balabit expects a rise in live video [1]. Podcasts grow [3].',
  'Podcasts grow. [3] Budgets move [9]. Video [1, 9] grows. ABM too [2].',
  'A CMO: "2017 will bring a rise in live video. Brands will" [1]. Marketers’ budgets shift [2].',
  'Video rises [1].\n\nABM holds [2]. “Podcasts are the new radio” [3].',
  'Only "made up words here" [1]. Nothing else.',
  'Brands will ‘go live on every channel’ [1]. They don’t stop [2].',
  // Found in review: citations after the full stop, a quotation opened between letters, no citation at all.
  'Live video is dead. [7] Brands won’t slow down [2]. The end.',
  'The CMO at Balabit expects live video to boom. [1] ABM holds [2]. Fine.',
  'One CMO expects "a rise in live video". [1] Another says "won’t slow down." [2] Both agree.',
  'Acme CMO said“AI wins. It is everything” [1]. Live video rises [1]. More text here.',
  'The passages do not mention TikTok. They discuss video. Fine.',
  "Brands' budgets shift [1]. Video rises [1]. Next one.",
];

/** Feeds `text` in chunks of `size` characters; returns the pieces shown and what was left for the end. */
function stream(text: string, size: number): { pieces: string[]; rest: string | undefined } {
  const verifier = new StreamingVerifier(PASSAGES, SPEAKERS);
  const pieces: string[] = [];
  for (let at = size; at < text.length + size; at += size) {
    const piece = verifier.update(text.slice(0, Math.min(at, text.length)));
    if (piece) pieces.push(piece);
  }
  return { pieces, rest: verifier.rest(verifyAnswer(text, PASSAGES, SPEAKERS).text) };
}

describe('StreamingVerifier', () => {
  it('shows, at every chunk size, exactly the start of the final verified text, and only that', () => {
    for (const answer of ANSWERS) {
      const final = verifyAnswer(answer, PASSAGES, SPEAKERS).text;
      for (let size = 1; size <= answer.length; size++) {
        const { pieces, rest } = stream(answer, size);
        expect(pieces.join('') + (rest ?? '<not a prefix>'), `${answer} in chunks of ${size}`).toBe(final);
      }
    }
  });

  it('never shows a fabricated, misattributed or uncited sentence', () => {
    const never: [number, string][] = [
      [1, 'replace'],
      [2, 'Balabit'],
      [8, 'dead'],
      [9, 'Balabit'],
      [11, 'AI wins'],
      [12, 'TikTok'],
    ];
    for (const [i, words] of never) {
      for (let size = 1; size <= ANSWERS[i]!.length; size++)
        expect(stream(ANSWERS[i]!, size).pieces.join(''), `${ANSWERS[i]} in chunks of ${size}`).not.toContain(words);
    }
  });

  it('streams an answer whose citations follow the full stop, sentence by sentence', () => {
    const text = ANSWERS[10]!;
    const verifier = new StreamingVerifier(PASSAGES, SPEAKERS);
    expect(verifier.update(text.slice(0, text.indexOf('Another') + 1))).toBe('One CMO expects "a rise in live video". [1]');
  });

  it('streams sentence by sentence, each as soon as the next one has begun', () => {
    const text = ANSWERS[0]!;
    const verifier = new StreamingVerifier(PASSAGES, SPEAKERS);
    const second = text.indexOf('Another');
    expect(verifier.update(text.slice(0, second))).toBe('');
    expect(verifier.update(text.slice(0, second + 1))).toBe('One CMO expects “a rise in live video” [1].');
    expect(verifier.update(text)).toBe(' Another says ABM “won’t slow down” [2].');
    expect(verifier.rest(verifyAnswer(text, PASSAGES, SPEAKERS).text)).toBe(' Podcasts are “the new radio” [3].');
  });
});

describe('settledLength', () => {
  it('waits while a citation may still join the sentence, or a quotation is still open', () => {
    expect(settledLength('Video rises. [')).toBe(0);
    expect(settledLength('Video rises. [1] More')).toBe('Video rises. [1]'.length);
    expect(settledLength('A CMO says “live video. It will')).toBe(0);
    expect(settledLength('A CMO says “live video. It” [1]. Next')).toBe('A CMO says “live video. It” [1].'.length);
    // An apostrophe after a letter opens nothing; a double mark between letters may.
    expect(settledLength('They don’t stop. Next')).toBe('They don’t stop.'.length);
    expect(settledLength("Brands' budgets shift. Next")).toBe("Brands' budgets shift.".length);
    expect(settledLength('He said“AI wins. It is')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { AnswerQueue, BusyError } from '../../src/slack/answer-queue.js';

// Work starts on a later turn of the event loop, after the I/O that arrived meanwhile (Slack's requests, to ack).
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('AnswerQueue', () => {
  it('runs a few at a time, lets a bounded number wait, and refuses the rest at once', async () => {
    const queue = new AnswerQueue(2, 1);
    const releases: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const job = () =>
      queue.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return 'done';
      });
    const first = job();
    const second = job();
    const third = job();
    await expect(job()).rejects.toBeInstanceOf(BusyError);
    await turns(3);
    expect(releases).toHaveLength(2);
    releases.shift()!();
    await first;
    await turns(3);
    expect(releases).toHaveLength(2);
    releases.splice(0).forEach((release) => release());
    await expect(Promise.all([second, third])).resolves.toEqual(['done', 'done']);
    expect(most).toBe(2);
  });
});

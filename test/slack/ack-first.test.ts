import { describe, expect, it } from 'vitest';
import { AckTracker } from '../../src/slack/ack-first.js';
import { AnswerQueue } from '../../src/slack/answer-queue.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('AckTracker', () => {
  it('lets work through at once when no request waits for its ack', async () => {
    const acks = new AckTracker(60_000);
    let through = false;
    void acks.idle().then(() => (through = true));
    await settle();
    expect(through).toBe(true);
  });

  it('holds work until every pending ack is sent, counting a request once however often it is done', async () => {
    const acks = new AckTracker(60_000);
    const first = acks.begin();
    const second = acks.begin();
    let through = false;
    void acks.idle().then(() => (through = true));
    first();
    first();
    await settle();
    expect(through).toBe(false);
    second();
    await settle();
    expect(through).toBe(true);
  });

  it('gives up waiting after maxWaitMs, so answers still go out under a steady stream of requests', async () => {
    const acks = new AckTracker(30);
    acks.begin();
    const started = performance.now();
    await acks.idle();
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('holds the answer queue: a turn starts only once pending acks are sent', async () => {
    const acks = new AckTracker(60_000);
    const queue = new AnswerQueue(2, 10, () => acks.idle());
    const done = acks.begin();
    let started = false;
    const answer = queue.run(async () => {
      started = true;
    });
    await settle();
    expect(started).toBe(false);
    done();
    await answer;
    expect(started).toBe(true);
  });
});

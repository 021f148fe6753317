// A bounded queue for answer work: a few answers at a time, a limited number waiting, and a clear "busy" beyond
// that. Answering is CPU work (the embedding model); without a bound, a burst of questions would delay every ack.
import { TrendbotError } from '../errors.js';

export class BusyError extends TrendbotError<'busy'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('busy', message, options);
  }
}

export class AnswerQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * @param concurrency answers computed at once
   * @param maxWaiting answers allowed to wait for a turn; one more is refused with BusyError
   * @param beforeWork awaited when a turn starts, before `work` (the Slack app: until pending acks are sent)
   */
  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly beforeWork: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  ) {}

  /** Runs `work` when a turn is free; rejects at once with BusyError when too many are already waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new BusyError('Too many questions are waiting to be answered.');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      await this.beforeWork();
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

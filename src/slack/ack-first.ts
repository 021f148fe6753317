// Acks before answers. Slack gives every request 3 s for its ack, and a burst of 50 questions is acknowledged one at a
// time on the event loop; the JavaScript of answers already started (retrieval, Block Kit, the Web API client's
// serialization, ~3 ms an answer) ran between those acks and delayed the last ones. Work that follows an ack waits
// until no request is waiting for its own.
export class AckTracker {
  private pending = 0;
  private readonly waiters = new Set<() => void>();

  /** @param maxWaitMs longest wait in idle(), so that answers still go out under a steady stream of requests */
  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** Counts one request as waiting for its ack until the returned function is called (once is enough; more are ignored). */
  begin(): () => void {
    this.pending += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pending -= 1;
      if (this.pending === 0) for (const wake of [...this.waiters]) wake();
    };
  }

  /** Resolves once no request is waiting for its ack, or after maxWaitMs; on the next turn of the event loop at the soonest. */
  async idle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.maxWaitMs);
      this.waiters.add(wake);
    });
  }
}

const MAX_WAIT_MS = 250;

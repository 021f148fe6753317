// The one base of trendbot's expected faults. Each carries a stable `code` (for logs and tests), a one-line message
// that says what to fix, and the underlying `cause`; the edges (CLI, `npm start`, Slack) catch it once.
export class TrendbotError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

// A local stand-in for the Slack Web API and response_url endpoints, recording every call, for end-to-end tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `respond:<id>` for response_url posts. */
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  reply?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  /** auth.test fails with this error code (e.g. invalid_auth). */
  authError?: string;
  /** Extra handlers by method, e.g. apps.connections.open for Socket Mode. */
  handlers?: Record<string, (body: Record<string, unknown>) => Record<string, unknown>>;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Methods that answer { ok: false, error } once; an object gives Slack's extra fields too (`needed`, `provided`). */
  readonly failNext = new Map<string, string | { error: string; [field: string]: unknown }>();
  /** Methods that answer { ok: false, error } with these errors, one call each, in order. */
  readonly failQueue = new Map<string, string[]>();
  /**
   * HTTP answers to give instead, one call each, in order, per method (`respond:<id>` for a response_url). Status 200
   * lets a call through; status 0 carries the call out, then cuts the connection before answering (a lost answer);
   * any other status refuses it (nothing posted). The call is recorded either way.
   */
  readonly httpFailures = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  /** Messages posted with chat.postMessage, as conversations.replies / conversations.history return them. */
  readonly messages: { channel: string; ts: string; thread_ts?: string; text: string; metadata?: unknown }[] = [];
  /** Group DMs the bot is a member of (conversations.info); any other conversation is channel_not_found there. */
  readonly memberOf = new Set<string>();
  private ts = 1_700_000_000;

  private constructor(
    readonly server: Server,
    private readonly options: FakeSlackOptions,
  ) {}

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on('request', (req, res) => {
      void readBody(req).then((body) => {
        const method = methodOf(req);
        const failure = fake.httpFailures.get(method)?.shift();
        const reply = fake.handle(method, req, body, !failure || failure.status === 200 || failure.status === 0);
        if (failure?.status === 0) {
          req.socket.destroy();
          return;
        }
        if (failure && failure.status !== 200) {
          res.writeHead(failure.status, { 'content-type': 'text/plain', ...failure.headers });
          res.end('failure injected by FakeSlack');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Polls the recorded calls until `predicate` holds, failing after a bounded deadline. */
  async waitFor<T>(find: () => T | undefined | false, what = 'the expected Slack call', timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Recorded: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(method: string, req: IncomingMessage, body: Record<string, unknown>, carriedOut: boolean): Record<string, unknown> {
    const call: RecordedCall = { method, body, authorization: req.headers.authorization };
    this.calls.push(call);
    call.reply = this.reply(method, body, carriedOut);
    return call.reply;
  }

  private reply(method: string, body: Record<string, unknown>, carriedOut: boolean): Record<string, unknown> {
    const failure = this.failNext.get(method) ?? this.failQueue.get(method)?.shift();
    if (failure) {
      this.failNext.delete(method);
      return typeof failure === 'string' ? { ok: false, error: failure } : { ok: false, ...failure };
    }
    if (method === 'auth.test') {
      return this.options.authError
        ? { ok: false, error: this.options.authError }
        : { ok: true, user_id: 'U_BOT', bot_id: 'B_BOT', team_id: 'T1', user: 'trendbot' };
    }
    const custom = this.options.handlers?.[method];
    if (custom) return custom(body);
    if (method === 'chat.postMessage' || method === 'chat.update') {
      this.ts += 1;
      const ts = `${this.ts}.000100`;
      const { channel, thread_ts, text, metadata } = body as { channel: string; thread_ts?: string; text: string; metadata?: unknown };
      if (method === 'chat.postMessage' && carriedOut) this.messages.push({ channel, ts, thread_ts, text, metadata });
      return { ok: true, channel, ts, message: { text } };
    }
    if (method === 'chat.startStream') {
      this.ts += 1;
      const ts = `${this.ts}.000100`;
      const { channel, thread_ts } = body as { channel: string; thread_ts?: string };
      if (carriedOut) this.messages.push({ channel, ts, thread_ts, text: streamedText(body) });
      return { ok: true, channel, ts };
    }
    if (method === 'chat.appendStream' || method === 'chat.stopStream') {
      const message = this.messages.find((m) => m.ts === body.ts && m.channel === body.channel);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (carriedOut) message.text += streamedText(body);
      return { ok: true, channel: body.channel, ts: body.ts };
    }
    if (method === 'conversations.info') {
      const { channel } = body as { channel: string };
      return this.memberOf.has(channel) ? { ok: true, channel: { id: channel, is_mpim: true, is_member: true } } : { ok: false, error: 'channel_not_found' };
    }
    if (method === 'conversations.replies' || method === 'conversations.history') {
      const { channel, ts, include_all_metadata: withMetadata } = body as { channel: string; ts?: string; include_all_metadata?: string | boolean };
      const inPlace = this.messages.filter(
        (m) => m.channel === channel && (method === 'conversations.history' ? !m.thread_ts : m.ts === ts || m.thread_ts === ts),
      );
      return { ok: true, messages: inPlace.map(({ metadata, ...message }) => ({ ...message, ...(String(withMetadata) === 'true' ? { metadata } : {}) })) };
    }
    return { ok: true };
  }
}

/** The markdown a chat.*Stream call adds, from `markdown_text` or its markdown_text chunks. */
export function streamedText(body: Record<string, unknown>): string {
  const chunks = (body.chunks as { type: string; text?: string }[] | undefined) ?? [];
  return (
    String(body.markdown_text ?? '') +
    chunks
      .filter((chunk) => chunk.type === 'markdown_text')
      .map((chunk) => chunk.text)
      .join('')
  );
}

function methodOf(req: IncomingMessage): string {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return url.pathname.startsWith('/respond/') ? `respond:${url.pathname.slice('/respond/'.length)}` : url.pathname.replace(/^\/api\//, '');
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  // The WebClient posts forms with nested values (blocks) as JSON strings.
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

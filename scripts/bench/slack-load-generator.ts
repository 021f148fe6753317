// Plays Slack for the Slack-path bench, in a process of its own so that its work never shares the app's event loop:
// the Web API / response_url stand-in, and bursts of N concurrent signed @mentions, then N concurrent /trend.
// Protocol (IPC): sends { apiUrl }, receives a Job, sends { result }, exits.
import { Agent, request as httpRequest } from 'node:http';
import { FakeSlack } from '../../test/slack/fake-slack.js';
import { commandForm, eventBody, signedHeaders } from '../../test/slack/signed-request.js';
import { percentile } from './percentiles.js';

export interface Job {
  /** The app's events endpoint. */
  url: string;
  /** Requests sent at once in a burst. */
  concurrency: number;
  /** Counted bursts of mentions and of /trend, after one warm-up burst of each. */
  rounds: number;
  /** False when the app under test never answers (acks alone are measured). */
  answers: boolean;
}

// How long a burst's answers may take before the missing ones count as lost.
const SETTLE_MS = 120_000;
const TOPICS = ['video', 'personalization', 'account-based marketing', 'podcasts', 'native advertising', 'mobile', 'big data', 'chatbots'];

const fake = await FakeSlack.start();
// When each answer arrived, by the request it answers: a mention's ts (thread_ts of the reply) or a response_url id.
const answeredAt = new Map<string, number>();
let replies = 0;
const record = fake.calls.push.bind(fake.calls);
fake.calls.push = (...calls) => {
  for (const call of calls) {
    const key =
      call.method === 'chat.postMessage' ? String(call.body.thread_ts) : call.method.startsWith('respond:') ? call.method.slice('respond:'.length) : undefined;
    if (key === undefined) continue;
    replies += 1;
    if (!answeredAt.has(key)) answeredAt.set(key, performance.now());
  }
  return record(...calls);
};

process.once('message', (job: Job) => {
  void runLoad(job).then(
    (result) => process.send!({ result }, () => void fake.close().then(() => process.exit(0))),
    (error: unknown) => {
      process.stderr.write(`slack load generator: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
});
process.send!({ apiUrl: fake.apiUrl });

export async function runLoad(job: Job) {
  const mentions = sample();
  const commands = sample();
  let sequence = 0;
  // Round 0 warms up (connections, JIT) and is not counted.
  for (let round = 0; round <= job.rounds; round++) {
    const [mentionsInto, commandsInto] = round === 0 ? [sample(), sample()] : [mentions, commands];
    await burst(mentionsInto, job, () => {
      const ts = `1800000000.${String(++sequence).padStart(6, '0')}`;
      const event = { type: 'app_mention', user: `U${sequence}`, text: `<@U_BOT> ${TOPICS[sequence % TOPICS.length]}?`, ts, channel: 'C1', event_ts: ts };
      return { key: ts, send: () => post(job.url, eventBody(event, `Ev${sequence}`), 'application/json') };
    });
    await burst(commandsInto, job, () => {
      const id = `cmd${++sequence}`;
      const form = commandForm({ text: TOPICS[sequence % TOPICS.length]!, user_id: `U${sequence}`, response_url: fake.responseUrl(id) });
      return { key: id, send: () => post(job.url, form, 'application/x-www-form-urlencoded') };
    });
  }
  return { concurrency: job.concurrency, rounds: job.rounds, mentions: summary(mentions), commands: summary(commands), duplicates: replies - answeredAt.size };
}

interface Sample {
  ackMs: number[];
  answerMs: number[];
  errors: number;
  lost: number;
  sent: number;
}

// node:http with kept-alive connections, as Slack's senders do: fetch costs the generator itself ~1 ms a request,
// which showed up as ~45 ms of "ack" time in a burst of 50 even against a server that does nothing.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a body signed as Slack signs it; resolves to the HTTP status once the whole response has arrived. */
function post(url: string, body: string, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { ...signedHeaders(body, contentType), 'content-length': String(Buffer.byteLength(body)) };
    const sent = httpRequest(url, { method: 'POST', headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

function sample(): Sample {
  return { ackMs: [], answerMs: [], errors: 0, lost: 0, sent: 0 };
}

/** Sends `job.concurrency` requests at once, records each ack, then waits (bounded) for every answer. */
async function burst(into: Sample, job: Job, request: () => { key: string; send: () => Promise<number> }) {
  const sent = new Map<string, number>();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      const { key, send } = request();
      const at = performance.now();
      sent.set(key, at);
      try {
        if ((await send()) !== 200) into.errors += 1;
      } catch {
        into.errors += 1;
      }
      into.ackMs.push(performance.now() - at);
    }),
  );
  into.sent += sent.size;
  if (!job.answers) return;
  const deadline = Date.now() + SETTLE_MS;
  while ([...sent.keys()].some((key) => !answeredAt.has(key)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const [key, at] of sent) {
    const answered = answeredAt.get(key);
    if (answered === undefined) into.lost += 1;
    else into.answerMs.push(answered - at);
  }
}

function summary(of: Sample) {
  return {
    requests: of.sent,
    ackMs: { p50: percentile(of.ackMs, 50), p99: percentile(of.ackMs, 99), max: Math.max(...of.ackMs) },
    answerMs: of.answerMs.length > 0 ? { p50: percentile(of.answerMs, 50), p99: percentile(of.answerMs, 99) } : undefined,
    errors: of.errors,
    lost: of.lost,
  };
}

// A model thread runs inference below the main thread's priority, so Slack's acks are scheduled first on a busy
// machine, and stops cleanly with its process.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createEmbedder } from '../../../src/retrieval/embedders/create-embedder.js';

/** Nice value of every thread of this process, by thread id (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    values.set(Number(tid), Number(fields[16]));
  }
  return values;
}

describe.runIf(process.platform === 'linux')('a model thread', () => {
  it('embeds at nice 10 while the main thread keeps its priority', async () => {
    const before = [...threadNiceValues().values()].filter((nice) => nice === 10).length;
    await createEmbedder(loadConfig({ LOCAL_EMBEDDING_MODEL: 'models/all-MiniLM-L6-v2' })).embedQuery('is live video worth it?');
    const values = threadNiceValues();
    expect(values.get(process.pid)).toBe(0);
    expect([...values.values()].filter((nice) => nice === 10).length).toBeGreaterThan(before);
  });
});

describe('stopping the model threads', () => {
  // Without the stop, a process exiting mid-inference is aborted by ONNX Runtime (SIGABRT, exit code 134).
  it('lets the request in flight finish, refuses new ones, and the process then exits with 0', async () => {
    const run = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'test/retrieval/models/exit-during-inference.ts'], { timeout: 60_000 }, (error, stdout) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      ),
    );
    expect(run).toEqual({ code: 0, stdout: 'in flight: 100 vectors\nafter the stop: The embedder thread is stopping with the process.\n' });
  });
});

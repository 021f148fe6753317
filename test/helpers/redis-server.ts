// A throwaway redis-server on a free loopback port, no persistence, for tests; undefined when the binary is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.js';

export interface RedisServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Whether Debian's redis-server is installed (apt-get install -y redis-server; .ci/run installs it). */
export const redisServerAvailable = !spawnSync('redis-server', ['--version']).error;

export const REDIS_SKIP_MESSAGE = 'redis-server is not installed: skipping the Redis tests (apt-get install -y redis-server; CI installs it).';

// Tries with a new port when another process took the free port between the probe and redis-server's bind.
const START_ATTEMPTS = 5;

export async function startRedisServer(): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await waitForPong(port, child);
    } catch (error) {
      child.kill('SIGKILL');
      if (/address already in use/i.test(output) && attempt < START_ATTEMPTS) continue;
      throw new Error(`redis-server did not start on port ${port}: ${(error as Error).message} ${output}`);
    }
    // Also when a test's cleanup fails: the server never outlives the test worker.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: async () => {
        process.off('exit', killOnExit);
        await stopChild(child);
      },
    };
  }
}

async function waitForPong(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await ping(port)) return;
    if (Date.now() > deadline) throw new Error('no PONG within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

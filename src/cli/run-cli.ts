// Shared edges of the command-line tools: one-line errors with a non-zero exit, and opening the index with progress.
import { Presets, SingleBar } from 'cli-progress';
import { CommanderError } from 'commander';
import { availableParallelism } from 'node:os';
import { loadConfig, type Config } from '../config.js';
import type { OpenIndexOptions } from '../retrieval/hnswlib/open-index.js';
import { ingestStore, openStore, type IngestReport, type OpenedStore } from '../retrieval/open-store.js';

/** Runs a CLI body; any error becomes one line on stderr and exit code 1 (2 for usage errors), never a stack trace. */
export async function runCli(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its one line already; 2 is the usual exit code for a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`error: ${oneLine(error)}\n`);
    process.exitCode = 1;
  }
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

export function cliConfig(): Readonly<Config> {
  return loadConfig();
}

/** Opens the configured store (the local index is built or rebuilt if needed), with a progress bar on an interactive stderr. */
export async function openStoreForCli(config: Config): Promise<OpenedStore> {
  return withProgress(config, (options) => openStore(config, options));
}

/** `npm run ingest`: rebuilds the local index, or brings Postgres up to date, with a progress bar. */
export async function ingestForCli(config: Config, reembed: boolean): Promise<IngestReport> {
  return withProgress(config, (options) => ingestStore(config, { ...options, reembed }));
}

// Without a terminal (CI, a log file), a line at most this often while a stage runs.
const PROGRESS_LINE_MS = 10_000;

/**
 * Runs `body` with store options that build an index on one model thread per core and report it: a progress bar on
 * an interactive stderr, else a line per stage and at most every 10 s ("embedding 1200/10003").
 */
export async function withProgress<T>(config: Config, body: (options: OpenIndexOptions) => Promise<T>): Promise<T> {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '{stage} [{bar}] {value}/{total}, ETA {eta_formatted}', etaBuffer: 500, stream: process.stderr }, Presets.shades_classic)
    : undefined;
  let stage = '';
  let lastLine = 0;
  try {
    return await body({
      embedThreads: availableParallelism(),
      onRebuild: (reason) => process.stderr.write(`Building the index in ${config.indexDir} (${reason.replace('_', ' ')})…\n`),
      onSkipped: (skipped) => {
        for (const { file, reason } of skipped) process.stderr.write(`warning: skipped ${file}: ${reason}\n`);
      },
      onProgress: (nextStage, done, total) => {
        if (!bar) {
          const now = performance.now();
          if (nextStage !== stage) {
            process.stderr.write(nextStage === 'embedding' ? `embedding ${total} passages…\n` : `${nextStage}…\n`);
          } else if (nextStage === 'embedding' && (done === total || now - lastLine >= PROGRESS_LINE_MS)) {
            process.stderr.write(`embedded ${done}/${total}\n`);
          } else return;
          stage = nextStage;
          lastLine = now;
          return;
        }
        if (nextStage !== stage) {
          if (stage) bar.stop();
          stage = nextStage;
          bar.start(total, done, { stage: stage.padEnd(9) });
        } else bar.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
}

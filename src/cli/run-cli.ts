// Shared edges of the command-line tools: one-line errors with a non-zero exit, and opening the index with progress.
import { Presets, SingleBar } from 'cli-progress';
import { CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { openIndex } from '../retrieval/open-index.js';
import type { SearchIndex } from '../retrieval/search-index.js';

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

/** Opens (and if needed rebuilds) the index, with a progress bar on an interactive stderr. */
export async function openIndexForCli(config: Config, force = false): Promise<SearchIndex> {
  const bar = process.stderr.isTTY ? new SingleBar({ format: '{stage} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
  let stage = '';
  try {
    return await openIndex(config, {
      force,
      onRebuild: (reason) => process.stderr.write(`Building the index in ${config.indexDir} (${reason.replace('_', ' ')})…\n`),
      onProgress: (nextStage, done, total) => {
        if (!bar) return;
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

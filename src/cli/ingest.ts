// `npm run ingest`: (re)builds the index from the corpus folder and reports what it built.
import { Command } from 'commander';
import { cliConfig, openIndexForCli, runCli } from './run-cli.js';

const program = new Command('ingest').description('Build the search index from the corpus folder.').exitOverride();

await runCli(async () => {
  program.parse();
  const config = cliConfig();
  const index = await openIndexForCli(config, true);
  const { manifest } = index.parts;
  process.stdout.write(
    `Indexed ${manifest.passageCount} passages into ${config.indexDir} with ${manifest.embedder.key} (${manifest.embedder.dimensions} dimensions) ` +
      `in ${manifest.buildMs.embedding + manifest.buildMs.indexing} ms.\n`,
  );
});

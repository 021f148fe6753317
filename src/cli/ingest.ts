// `npm run ingest`: (re)builds the local index, or brings Postgres up to date with the corpus, then the trend map,
// and reports what it did.
import { Command } from 'commander';
import type { IngestReport } from '../retrieval/open-store.js';
import { openTrendMap } from '../trends/open-trend-map.js';
import { cliConfig, ingestForCli, openStoreForCli, runCli } from './run-cli.js';

const program = new Command('ingest')
  .description('Build the search index from the corpus folder (VECTOR_STORE=pgvector: update the passages in Postgres).')
  .option('--reembed', 'pgvector: re-embed every passage')
  .exitOverride();

await runCli(async () => {
  program.parse();
  const config = cliConfig();
  const report = await ingestForCli(config, program.opts<{ reembed?: boolean }>().reembed === true);
  process.stdout.write(`${formatReport(report)}\n`);
  // The trend map is part of what ingest prepares: computed now, kept in INDEX_DIR.
  const opened = await openStoreForCli(config);
  try {
    const map = await openTrendMap(config, opened);
    const counted = map.entries.filter(({ evidence }) => evidence.length > 0).length;
    process.stdout.write(`Trend map: ${counted} of ${map.entries.length} trends spoken to by the ${map.contributors.length} contributors (npm run trends).\n`);
  } finally {
    await opened.close();
  }
});

function formatReport(report: IngestReport): string {
  const embedder = `${report.embedder.key} (${report.embedder.dimensions} dimensions)`;
  const skipped = report.skipped.length > 0 ? ` ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'} skipped (warnings above).` : '';
  if (report.kind === 'hnswlib') return `Indexed ${report.passages} passages into ${report.location} with ${embedder} in ${report.ms} ms.${skipped}`;
  const {
    files,
    passages,
    rowsWritten,
    embedder: { reembedReason },
  } = report;
  const reembedded = reembedReason ? ` Re-embedded every passage (${reembedReason.replace('_', ' ')}).` : '';
  return (
    `Ingested ${files.total} files (${files.changed} new or changed, ${files.removed} removed) into ${report.database} with ${embedder}: ` +
    `${passages.total} passages, ${passages.inserted} inserted, ${passages.deleted} deleted, ${rowsWritten} rows written in ${report.ms} ms.${reembedded}${skipped}`
  );
}

// `npm run ingest`: (re)builds the local index, or brings Postgres up to date with the corpus, then the trend map,
// and reports what it did.
import { Command } from 'commander';
import type { IngestReport } from '../retrieval/open-store.js';
import { openTrendMap } from '../trends/open-trend-map.js';
import { cliConfig, ingestForCli, openStoreForCli, runCli } from './run-cli.js';

const program = new Command('ingest')
  .description('Build the search index from the corpus folder (VECTOR_STORE=pgvector: update the passages in Postgres).')
  .option('--reembed', 're-embed every passage (by default only new or changed passages are)')
  .exitOverride();

await runCli(async () => {
  program.parse();
  const config = cliConfig();
  const report = await ingestForCli(config, program.opts<{ reembed?: boolean }>().reembed === true);
  process.stdout.write(`${formatReport(report)}\n${fileReport(report)}`);
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

/** One line per corpus file: indexed with its passages and the speakers found in it, or skipped and why. */
function fileReport({ indexed, skipped }: IngestReport): string {
  const rows = [
    ...indexed.map(({ file, passages, speakers }) => ({ file, line: `indexed  ${passages} passages, ${speakers} speaker${speakers === 1 ? '' : 's'} named` })),
    ...skipped.map(({ file, reason }) => ({ file, line: `skipped  ${reason}` })),
  ].sort((a, b) => a.file.localeCompare(b.file));
  const width = Math.max(...rows.map(({ file }) => file.length));
  return `\nFiles:\n${rows.map(({ file, line }) => `  ${file.padEnd(width)}  ${line}\n`).join('')}`;
}

function formatReport(report: IngestReport): string {
  const embedder = `${report.embedder.key} (${report.embedder.dimensions} dimensions)`;
  const skipped = report.skipped.length > 0 ? ` ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'} skipped (warnings above).` : '';
  if (report.kind === 'hnswlib') {
    const embedded = report.embedded === report.passages ? '' : ` (${report.embedded} embedded, the others' vectors kept from the last build)`;
    const { inserted, deleted } = report.graph;
    const graph = inserted === report.passages ? 'a new search graph' : `the last build's search graph (${inserted} inserted, ${deleted} deleted)`;
    return `Indexed ${report.passages} passages${embedded} into ${report.location}, ${graph}, with ${embedder} in ${report.ms} ms.${skipped}`;
  }
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

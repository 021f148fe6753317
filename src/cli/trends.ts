// `npm run trends`: the trend map of the corpus: each trend, the contributors who speak to it, and the passage that
// shows it. `--check <table.json>` measures agreement with a hand-checked table.
import { Command, InvalidArgumentError } from 'commander';
import { attribution, quoteLocation, toQuote } from '../answer/extractive.js';
import { consensusLine, consensusOn } from '../trends/consensus.js';
import { agreement, readTrendTable } from '../trends/agreement.js';
import { openTrendMap, type LoadedTrendMap } from '../trends/open-trend-map.js';
import { cliConfig, openStoreForCli, runCli } from './run-cli.js';

const program = new Command('trends')
  .description('Print the trend map: which contributors speak to which trend, with the passage that shows it.')
  .option('--json', 'print one JSON object')
  .option('--check <table>', 'measure precision and recall against a hand-checked table of contributor–trend pairs')
  .option('--threshold <lift>', "with --check: measure another threshold (default: the embedder's calibration.json, else 0.2)", parseThreshold)
  .exitOverride();

await runCli(async () => {
  program.parse();
  const flags = program.opts<{ json?: boolean; check?: string; threshold?: number }>();
  const config = cliConfig();
  const opened = await openStoreForCli(config);
  try {
    const map = await openTrendMap(config, opened, flags.threshold);
    if (flags.check) {
      const table = await readTrendTable(flags.check);
      const all = agreement(map, table);
      const sure = agreement(map, table, true);
      const result = { table: flags.check, all, withoutUnsure: sure };
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : formatAgreement(flags.check, all, sure));
      return;
    }
    process.stdout.write(flags.json ? `${JSON.stringify(toJson(map))}\n` : formatMap(map));
  } finally {
    await opened.close();
  }
});

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (!(threshold >= -1 && threshold <= 1)) throw new InvalidArgumentError('a cosine-similarity lift between -1 and 1, e.g. 0.2');
  return threshold;
}

function formatMap(map: LoadedTrendMap): string {
  const lines = [`Trend map of ${map.contributors.length} contributors against ${map.entries.length} trends (${map.file}):`, ''];
  for (const { trend } of map.entries) {
    const consensus = consensusOn(map, trend.id)!;
    lines.push(`${trend.name} — ${consensusLine(consensus)}`);
    for (const { passage } of consensus.evidence) {
      const quote = toQuote({ passage, score: 0 });
      lines.push(`  ${attribution(quote)}`, `    “${quote.text}”`, `    ${quoteLocation(quote)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function toJson(map: LoadedTrendMap) {
  return {
    file: map.file,
    contributors: map.contributors.length,
    trends: map.entries.map(({ trend, evidence }) => ({
      id: trend.id,
      name: trend.name,
      contributors: evidence.map(({ contributor, passage, score }) => ({
        ...contributor,
        score: Number(score.toFixed(4)),
        quote: toQuote({ passage, score: 0 }),
      })),
    })),
  };
}

function formatAgreement(file: string, all: ReturnType<typeof agreement>, sure: ReturnType<typeof agreement>): string {
  const row = (name: string, a: typeof all) => `${name}: precision ${a.precision.toFixed(2)}, recall ${a.recall.toFixed(2)} (${a.agreed} pairs agreed)`;
  const lines = [`Agreement with ${file}:`, row('all pairs', all), row('without the pairs it marks unsure', sure), '', 'Counted by the map, not in the table:'];
  lines.push(...all.mapOnly.map((pair) => `  ${pair}`), '', 'In the table, not counted by the map:', ...all.tableOnly.map((pair) => `  ${pair}`));
  return `${lines.join('\n')}\n`;
}

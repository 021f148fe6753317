// `npm start`: the settings are checked first, before the heavy modules (Bolt, ONNX Runtime) load, so a missing or
// invalid one fails in a fraction of a second; then start.ts checks the token, key and shared state and runs the bot.
import { loadConfig } from './config.js';
import { TrendbotError } from './errors.js';
import { missingSettingsError, missingSlackSettings } from './slack/settings.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const missing = missingSlackSettings(config.slack);
  if (missing.length > 0) throw missingSettingsError(missing);
  const { start } = await import('./start.js');
  await start(config);
}

main().catch((error: unknown) => {
  // Our errors say what to fix; anything else is unexpected.
  const known = error instanceof TrendbotError;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`error: ${known ? message : `trendbot could not start: ${message}`}\n`);
  process.exit(1);
});

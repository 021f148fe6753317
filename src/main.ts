// `npm start`: load config → open index → build the Slack app → start (Socket Mode with SLACK_APP_TOKEN, else HTTP).
import { answerQuestion } from './answer/answer-question.js';
import { ConfigError, loadConfig } from './config.js';
import { openIndex } from './retrieval/open-index.js';
import { missingSettingsError, missingSlackSettings, SlackStartupError, startSlackApp } from './slack/app.js';
import { inProcessDeps } from './slack/in-process-deps.js';
import { createLogger } from './slack/logger.js';
import { summarizeSources } from './slack/sources.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const missing = missingSlackSettings(config.slack);
  // Checked before the index is opened, so a missing token fails at once.
  if (missing.length > 0) throw missingSettingsError(missing);
  const logger = createLogger(config.logLevel);
  const index = await openIndex(config, { onRebuild: (reason) => logger.info({ reason, indexDir: config.indexDir }, 'building the index') });
  const deps = inProcessDeps(config, { ask: (input) => answerQuestion(index, input), sources: () => summarizeSources(index.passages) }, logger);
  const running = await startSlackApp({ slack: config.slack, deps });
  logger.info({ mode: running.mode, port: running.port, passages: index.passages.length }, 'trendbot is running');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await running.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const known = error instanceof SlackStartupError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`error: ${known ? message : `trendbot could not start: ${message}`}\n`);
  process.exit(1);
});

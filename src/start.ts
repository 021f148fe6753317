// The bot once its settings are known to be complete: check the Slack token and shared state → open the core (model
// key, passages) → start (Socket Mode with SLACK_APP_TOKEN, else HTTP). Loaded by main.ts after its quick checks.
import type { Config } from './config.js';
import { openTrendbot } from './trendbot.js';
import { createSlackApp, runSlackApp } from './slack/app.js';
import { createSlackDeps } from './slack/deps.js';
import { createLogger } from './logger.js';
import { stopModelThreads } from './retrieval/models/model-thread.js';

// How often the bot checks the corpus files for changes (hashing the bundled corpus takes about a millisecond).
const CORPUS_CHECK_MS = 30_000;

export async function start(config: Readonly<Config>): Promise<void> {
  const logger = createLogger(config.logLevel);
  // Settings, token, Redis, model key and Postgres are checked before the passages are opened, so a wrong one fails at once.
  const app = await createSlackApp({ slack: config.slack, logger });
  // Shared state on Redis when REDIS_URL is set (an unreachable Redis stops the start here), else in this process;
  // then the core: a bad prompt file or a refused key (401) stops the start, then the in-process index (rebuilt when
  // needed, and when the corpus changes) or Postgres + pgvector with VECTOR_STORE=pgvector.
  const openCore = () =>
    openTrendbot(config, {
      logger,
      store: {
        onRebuild: (reason) => logger.info({ reason, indexDir: config.indexDir }, 'building the index'),
        onSkipped: (skipped) => {
          for (const { file, reason } of skipped) logger.warn({ file, reason }, 'corpus file skipped');
        },
        watchCorpusMs: CORPUS_CHECK_MS,
        onWatchError: (error) => logger.warn({ err: error }, 'could not check or rebuild the index; answering from the current one'),
      },
    });
  const deps = await createSlackDeps(config, openCore, { logger });
  const running = await runSlackApp(app, { slack: config.slack, deps });
  const { passages, models } = deps.core;
  logger.info(
    {
      mode: running.mode,
      port: running.port,
      passages: passages.passageCount(),
      store: passages.kind,
      answers: config.answerMode,
      model: models.chat,
      state: deps.state,
    },
    'trendbot is running',
  );
  // In the background: a question asked meanwhile waits for the same model loads, not for a second copy.
  const warmUpStart = performance.now();
  void deps.core.warmUp().then((failures) => {
    const ms = Math.round(performance.now() - warmUpStart);
    if (failures.length === 0) logger.info({ ms }, 'models loaded');
    else logger.warn({ ms, err: failures[0] }, 'could not load every model ahead of the first question; it will try again');
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await running.stop().catch(() => undefined);
    await deps.close();
    await stopModelThreads();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

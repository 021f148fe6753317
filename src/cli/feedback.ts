// `npm run feedback`: summarises the 👍/👎 votes from Slack, listing answers voted down with their questions.
import { Command } from 'commander';
import { quoteLocation } from '../answer/extractive.js';
import { readFeedbackFile, type FeedbackEntry } from '../feedback/feedback-store.js';
import { PgFeedbackStore } from '../feedback/pg-feedback-store.js';
import { cliConfig, runCli } from './run-cli.js';

const program = new Command('feedback')
  .description('Summarise the votes on Slack answers; answers voted down are candidates for eval cases.')
  .option('--file <path>', 'the feedback file (default: the Postgres table with DATABASE_URL, else FEEDBACK_FILE)')
  .option('--json', 'print one JSON object with the counts and the answers voted down')
  .exitOverride();

interface DownVoted {
  answerId: string;
  question?: string;
  standaloneQuestion?: string;
  down: number;
  up: number;
  quotes: FeedbackEntry['quotes'];
}

await runCli(async () => {
  program.parse();
  const flags = program.opts<{ file?: string; json?: boolean }>();
  const config = cliConfig();
  const { file, votes } = await readVotes(flags.file, config);
  const up = votes.filter((v) => v.vote === 'up').length;
  const downVoted = summarizeDownVotes(votes);
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ file, votes: votes.length, up, down: votes.length - up, answers: new Set(votes.map((v) => v.answerId)).size, downVoted })}\n`,
    );
    return;
  }
  if (votes.length === 0) {
    process.stdout.write(`No votes yet in ${file}.\n`);
    return;
  }
  const lines = [`${votes.length} votes (${up} 👍, ${votes.length - up} 👎) on ${new Set(votes.map((v) => v.answerId)).size} answers in ${file}.`];
  lines.push(downVoted.length ? `\nAnswers voted down (${downVoted.length}), most down votes first:` : '\nNo answer was voted down.');
  for (const answer of downVoted) {
    const asked = answer.question ?? '(question no longer known)';
    const standalone = answer.standaloneQuestion && answer.standaloneQuestion !== answer.question ? `\n    searched as: ${answer.standaloneQuestion}` : '';
    const quotes = answer.quotes.map(quoteLocation).join(', ') || 'no quotes';
    lines.push(`\n  ${answer.down} 👎 ${answer.up} 👍  ${asked}${standalone}\n    answer ${answer.answerId}; quotes shown: ${quotes}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});

/** From --file, else the Postgres table when DATABASE_URL is set (the bot writes there then), else FEEDBACK_FILE. */
async function readVotes(file: string | undefined, config: { feedbackFile: string; databaseUrl?: string }): Promise<{ file: string; votes: FeedbackEntry[] }> {
  if (file || !config.databaseUrl) return { file: file ?? config.feedbackFile, votes: await readFeedbackFile(file ?? config.feedbackFile) };
  const store = await PgFeedbackStore.connect(config.databaseUrl);
  try {
    return { file: 'Postgres (trendbot_feedback)', votes: await store.list() };
  } finally {
    await store.close();
  }
}

function summarizeDownVotes(votes: FeedbackEntry[]): DownVoted[] {
  const byAnswer = new Map<string, DownVoted>();
  for (const vote of votes) {
    const entry = byAnswer.get(vote.answerId) ?? {
      answerId: vote.answerId,
      question: vote.question,
      standaloneQuestion: vote.standaloneQuestion,
      down: 0,
      up: 0,
      quotes: vote.quotes,
    };
    entry[vote.vote] += 1;
    entry.question ??= vote.question;
    byAnswer.set(vote.answerId, entry);
  }
  return [...byAnswer.values()].filter((a) => a.down > 0).sort((a, b) => b.down - a.down || a.up - b.up);
}

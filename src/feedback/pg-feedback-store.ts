// 👍/👎 votes in a Postgres table (DATABASE_URL), so they outlive any replica; the app creates the table.
import pg from 'pg';
import type { FeedbackEntry, FeedbackStore } from './feedback-store.js';
import { redactUrl } from '../redact-url.js';
import { StateStartupError } from '../state-error.js';

// One statement list, so one implicit transaction: the advisory lock makes replicas starting together create the
// table one after the other (concurrent CREATE TABLE IF NOT EXISTS can fail on pg_type's unique index).
const SCHEMA = `
SELECT pg_advisory_xact_lock(hashtext('trendbot_feedback_schema'));
CREATE TABLE IF NOT EXISTS trendbot_feedback (
  id bigserial PRIMARY KEY,
  voted_at timestamptz NOT NULL,
  user_id text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('up', 'down')),
  answer_id text NOT NULL,
  question text,
  standalone_question text,
  quotes jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS trendbot_feedback_latest ON trendbot_feedback (answer_id, user_id, voted_at DESC, id DESC);
`;

// Votes are rare: two connections are plenty and leave the database's connection budget to the passages.
const MAX_CONNECTIONS = 2;

interface Row {
  voted_at: Date;
  user_id: string;
  vote: 'up' | 'down';
  answer_id: string;
  question: string | null;
  standalone_question: string | null;
  quotes: FeedbackEntry['quotes'];
}

export class PgFeedbackStore implements FeedbackStore {
  private closing: Promise<void> | undefined;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and creates the table if needed; StateStartupError (naming DATABASE_URL, password hidden) when unreachable. */
  static async connect(databaseUrl: string): Promise<PgFeedbackStore> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: MAX_CONNECTIONS, allowExitOnIdle: true });
    // A connection the server drops is replaced on the next query; the failed vote gets the apology meanwhile.
    pool.on('error', () => undefined);
    try {
      await pool.query(SCHEMA);
    } catch (error) {
      await pool.end().catch(() => undefined);
      const reason = (error as Error).message || String((error as { code?: unknown }).code);
      throw new StateStartupError(
        'database_unreachable',
        `Cannot store feedback in Postgres at DATABASE_URL (${redactUrl(databaseUrl)}): ${reason}. Check DATABASE_URL, or unset it to keep votes in FEEDBACK_FILE.`,
        {
          cause: error,
        },
      );
    }
    return new PgFeedbackStore(pool);
  }

  async record(entry: FeedbackEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO trendbot_feedback (voted_at, user_id, vote, answer_id, question, standalone_question, quotes) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.time, entry.user, entry.vote, entry.answerId, entry.question ?? null, entry.standaloneQuestion ?? null, JSON.stringify(entry.quotes)],
    );
  }

  /** One entry per user and answer, the latest vote, oldest first (as the JSON-lines file reads back). */
  async list(): Promise<FeedbackEntry[]> {
    const { rows } = await this.pool.query<Row>(`
      SELECT * FROM (
        SELECT DISTINCT ON (answer_id, user_id) id, voted_at, user_id, vote, answer_id, question, standalone_question, quotes
        FROM trendbot_feedback ORDER BY answer_id, user_id, voted_at DESC, id DESC
      ) latest ORDER BY voted_at, id`);
    return rows.map((row) => ({
      time: row.voted_at.toISOString(),
      user: row.user_id,
      vote: row.vote,
      answerId: row.answer_id,
      ...(row.question === null ? {} : { question: row.question }),
      ...(row.standalone_question === null ? {} : { standaloneQuestion: row.standalone_question }),
      quotes: row.quotes,
    }));
  }

  /** Ends the pool; later calls do nothing. */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}

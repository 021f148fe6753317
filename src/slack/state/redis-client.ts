// Connects to the Redis that replicas share (REDIS_URL), failing at startup in one line when it cannot be reached.
import { Redis } from 'ioredis';
import { redactUrl } from '../../redact-url.js';
import { StateStartupError } from '../../state-error.js';

// Startup waits this long for Redis; a replica that cannot reach it must not start answering.
const CONNECT_TIMEOUT_MS = 5000;
// Commands fail after this many reconnection attempts instead of queueing while Redis is down: the user gets the
// apology in seconds rather than silence.
const MAX_RETRIES_PER_REQUEST = 2;

/** Connected and answering PING, or a StateStartupError that names REDIS_URL (with any password hidden). */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST });
  let firstError: Error | undefined;
  const remember = (error: Error) => (firstError ??= error);
  redis.on('error', remember);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (firstError ?? (error as Error)).message;
    throw new StateStartupError(
      'redis_unreachable',
      `Cannot reach Redis at REDIS_URL (${redactUrl(url)}): ${reason}. Start Redis there, or unset REDIS_URL to keep state in this process.`,
      {
        cause: error,
      },
    );
  }
  redis.off('error', remember);
  return redis;
}

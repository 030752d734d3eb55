import { isTransportFailure, type OpenedResponse } from '../http/client.js';
import type { TransportFailure } from '../http/errors.js';

/** Statuses that ask the client to come back later; only these are sent again. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Longest wait before a retry, whatever the server's Retry-After says. */
export const MAX_RETRY_WAIT_MS = 30_000;
/** The first backoff without Retry-After; it doubles with each retry. */
const FIRST_BACKOFF_MS = 500;

/** Every HTTP-date form begins with a day name; Date.parse alone would take "-1" for a year. */
const HTTP_DATE_START = /^[A-Za-z]{3,9},? /;

/** How often to send again and how to wait; the clock and the sleep are injected so tests never wait. */
export interface RetryPolicy {
  retries: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** One sending of a request: the answer (or why none came) and the deadline it is read under. */
export interface Attempt {
  opened: OpenedResponse | TransportFailure;
  deadline: AbortSignal;
}

/** The last attempt, with how many times the request was sent again and the statuses that caused it. */
export interface RetriedAttempt extends Attempt {
  retries: number;
  retriedStatuses: number[];
}

/**
 * The wait before retry number `attempt` (0-based): the server's Retry-After (seconds, or an HTTP
 * date), else 0.5 s doubling; never more than 30 s.
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, nowMs: number): number {
  const value = retryAfter?.trim() ?? '';
  let wait: number;
  if (/^\d+$/.test(value)) wait = Number(value) * 1000;
  else if (HTTP_DATE_START.test(value) && !Number.isNaN(Date.parse(value))) wait = Math.max(0, Date.parse(value) - nowMs);
  else wait = FIRST_BACKOFF_MS * 2 ** attempt;
  return Math.min(wait, MAX_RETRY_WAIT_MS);
}

/**
 * Sends a request and, while it is answered 429 or 503 and retries remain, drops the answer, waits
 * and sends it again. The last answer is the one judged. Without a policy it sends once.
 */
export async function sendWithRetries(send: () => Promise<Attempt>, policy: RetryPolicy | undefined): Promise<RetriedAttempt> {
  const retriedStatuses: number[] = [];
  for (;;) {
    const attempt = await send();
    const { opened } = attempt;
    if (policy === undefined || retriedStatuses.length >= policy.retries || isTransportFailure(opened) || !RETRY_STATUSES.has(opened.status)) {
      return { ...attempt, retries: retriedStatuses.length, retriedStatuses };
    }
    opened.abort();
    await policy.sleep(retryDelayMs(opened.headers['retry-after'], retriedStatuses.length, policy.now()));
    retriedStatuses.push(opened.status);
  }
}

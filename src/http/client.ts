import { Agent, request, type Dispatcher } from 'undici';
import type { LookupFunction } from 'node:net';
import { classifyError, type TransportFailure } from './errors.js';

/** Where and how to reach the server under test. */
export interface TargetConfig {
  /** API root including `/v1`, without a trailing slash. */
  baseUrl: string;
  /** Headers sent on every request: auth and `-H` extras. */
  headers: Record<string, string>;
  /** The header that carries the API key, when one is sent. */
  authHeader?: string;
  /** Deadline for one request, from sending to the last byte. */
  timeoutMs: number;
}

/** The head of an answer plus its body as a byte stream. */
export interface OpenedResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and frees the connection. */
  abort(): void;
}

/**
 * Creates the connection pool for a run. `lookup` replaces DNS resolution (tests inject a failing
 * one rather than querying a real resolver).
 */
export function createDispatcher(options: { lookup?: LookupFunction; connectTimeoutMs?: number } = {}): Dispatcher {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 10_000, ...(options.lookup ? { lookup: options.lookup } : {}) },
    pipelining: 1,
  });
}

/**
 * Sends one request and opens its answer. Redirects are never followed: a 3xx is handed back like
 * any other status, so credentials never travel to another origin. The deadline covers the whole
 * exchange: it keeps running while the caller reads the body.
 */
export async function openRequest(
  target: TargetConfig,
  dispatcher: Dispatcher,
  method: 'POST' | 'GET',
  path: string,
  /** A value sent as JSON, or a string sent as it is (a deliberately malformed body). */
  body: unknown,
  signal: AbortSignal,
): Promise<OpenedResponse | TransportFailure> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    const answer = await request(`${target.baseUrl}${path}`, {
      method,
      dispatcher,
      signal: controller.signal,
      headers: requestHeaders(target),
      body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    return {
      status: answer.statusCode,
      headers: flattenHeaders(answer.headers),
      body: answer.body,
      abort: () => controller.abort(),
    };
  } catch (err) {
    signal.removeEventListener('abort', onAbort);
    return classifyError(err, signal);
  }
}

/** Every header a request carries: the target's (auth, `-H` extras) and the tool's own. */
export function requestHeaders(target: TargetConfig): Record<string, string> {
  return {
    ...target.headers,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'accept-encoding': 'identity',
  };
}

/** Headers as the checks read them: one string per lower-case name (repeats joined with ", "). */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function isTransportFailure(value: OpenedResponse | TransportFailure): value is TransportFailure {
  return 'kind' in value;
}

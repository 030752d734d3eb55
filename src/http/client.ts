import { Agent, request, type Dispatcher } from 'undici';
import type { LookupFunction } from 'node:net';

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

/** How a request failed before or while the answer was read. */
export type TransportFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout'; detail: string }
  | { kind: 'reset'; detail: string };

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

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  // A TLS client talking to a plain-HTTP port: OpenSSL 3 says one or the other depending on the
  // bytes the port sends back.
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'EPROTO',
]);

/** OpenSSL errors that mean the other side does not speak TLS at all. */
const PLAIN_HTTP_SSL_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

/** Sorts a failed exchange into: never reached, out of time, or cut off. */
export function classifyError(err: unknown, deadline?: AbortSignal): TransportFailure {
  const error = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = errorCode(error);
  const detail = describeError(error);
  if (deadline?.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || error?.name === 'TimeoutError') {
    return { kind: 'timeout', detail };
  }
  if (UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', detail };
  if (code.startsWith('Z_')) return { kind: 'reset', detail: `the compressed body could not be decoded (${detail})` };
  return { kind: 'reset', detail };
}

/** One line naming the error without a stack: `ECONNREFUSED 127.0.0.1:9`. */
export function describeError(error: (Error & { code?: string; cause?: unknown }) | undefined): string {
  if (!error) return 'unknown error';
  const cause = error.cause as (Error & { code?: string }) | undefined;
  const code = errorCode(error);
  // An OpenSSL message is an internal dump (`80EC…:error:0A00010B:SSL routines:…:350:`); its
  // `reason` is the readable part, and the usual cause is an https:// URL for a plain-HTTP port.
  const reason = (error as { reason?: unknown }).reason ?? (cause as { reason?: unknown } | undefined)?.reason;
  if (code.startsWith('ERR_SSL_') && typeof reason === 'string') {
    const hint = PLAIN_HTTP_SSL_CODES.has(code) ? '; the port may not speak TLS (is the URL meant to be http://?)' : '';
    return `${code}: TLS handshake failed (${reason})${hint}`;
  }
  const message = (cause?.message || error.message || String(error)).split('\n')[0];
  // Node's TLS socket (used by the WebSocket client) gives EPROTO with the raw OpenSSL dump instead.
  const plainHttp = /wrong version number|packet length too long/.exec(message);
  if (code === 'EPROTO' && plainHttp) return `EPROTO: TLS handshake failed (${plainHttp[0]}); the port may not speak TLS (is the URL meant to be http://?)`;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * The string code of an error or of its cause, or ''. Not every error's `code` is a string: a
 * DOMException's (the deadline's TimeoutError, an AbortError) is a number.
 */
function errorCode(error: { code?: unknown; cause?: unknown } | undefined): string {
  const own = error?.code;
  if (typeof own === 'string') return own;
  const cause = (error?.cause as { code?: unknown } | undefined)?.code;
  return typeof cause === 'string' ? cause : '';
}

export function isTransportFailure(value: OpenedResponse | TransportFailure): value is TransportFailure {
  return 'kind' in value;
}

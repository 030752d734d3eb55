/**
 * What a failed exchange was (never reached, out of time, cut off) and its one-line description.
 * No HTTP client here: reading a capture or a transcript offline needs these without one.
 */

/** How a request failed before or while the answer was read. */
export type TransportFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout'; detail: string }
  | { kind: 'reset'; detail: string };

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

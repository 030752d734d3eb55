/**
 * Which headers cross the proxy (RFC 9110 §7.6.1): those that describe one connection (hop-by-hop,
 * and any the Connection header names) stay on their side; everything else is forwarded as
 * received, Authorization included (the proxy sends requests only to its target's origin).
 */

/** Connection-specific headers, plus `proxy-*` ones (meant for this proxy) and `expect` (undici does not send it). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'expect']);

type HeaderValue = string | string[] | undefined;

/** The headers to forward: hop-by-hop ones and those named by Connection dropped, and `host` (the client sets the target's). */
export function forwardedHeaders(headers: Record<string, HeaderValue>): Record<string, string | string[]> {
  const named = connectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || named.has(lower) || lower === 'host') continue;
    out[lower] = value;
  }
  return out;
}

/** The header names a Connection header lists (`Connection: close, x-foo`). */
function connectionTokens(value: HeaderValue): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(text.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
}

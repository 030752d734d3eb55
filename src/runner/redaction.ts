/**
 * Keeps secrets out of everything the tool writes. Every output (reports, console lines, error
 * messages, and later transcripts or baselines) passes through one redactor built from the run's
 * secrets, so new outputs inherit the protection by using it.
 */

export const REDACTED = '[REDACTED]';

/** Header names whose values are secrets: authorization, *-key, *token*, cookie. */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower === 'proxy-authorization' || lower.endsWith('-key') || lower.endsWith('_key') || lower.includes('token') || lower.includes('cookie') || lower.includes('secret');
}

export type Redactor = (text: string) => string;

/** Replaces every occurrence of each secret (longest first, so overlapping ones vanish whole). */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const list = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/** Applies a redactor to every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactDeep(item, redact);
    return out as T;
  }
  return value;
}

/** A URL as it may be shown: credentials in the userinfo part are dropped. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url;
  }
}

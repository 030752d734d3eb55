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

/** Shortest start of a secret that is still removed where a value was cut off (`sk-abcd…`). */
const MIN_CUT_PREFIX = 4;

/**
 * Replaces every occurrence of each secret, as written, URL-encoded or JSON-escaped (a server may
 * echo the key in a Location URL or a JSON string), longest first so overlapping ones vanish
 * whole. Findings cut long server values to a readable length and mark the cut with "…"; a cut
 * can fall inside an echoed key, so a start of a secret directly before "…" is removed too.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_CUT_PREFIX) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const list = [...forms].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    if (!out.includes('…')) return out;
    for (const secret of list) {
      for (let length = secret.length - 1; length >= MIN_CUT_PREFIX; length--) {
        const cut = `${secret.slice(0, length)}…`;
        if (out.includes(cut)) out = out.split(cut).join(`${REDACTED}…`);
      }
    }
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

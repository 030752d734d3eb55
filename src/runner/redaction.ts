/**
 * Keeps secrets out of everything the tool writes. Every output (reports, console lines, error
 * messages, and later transcripts or baselines) passes through one redactor built from the run's
 * secrets, so new outputs inherit the protection by using it.
 */

import type { Finding } from '../checks/types.js';
import type { RunResult, ScenarioResult } from './result.js';

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
 * Secrets shorter than this are common words often enough (`fake`, `none`, `test`) that replacing
 * them everywhere would garble the output (`fake-model`, `tool-choice-none`); they are removed only
 * where they stand as a whole value.
 */
export const MIN_ANYWHERE_SECRET = 8;

/**
 * Replaces every occurrence of each secret of 8 characters or more, as written, URL-encoded or
 * JSON-escaped (a server may echo the key in a Location URL or a JSON string), longest first so
 * overlapping ones vanish whole. Findings cut long server values to a readable length and mark the
 * cut with "…"; a cut can fall inside an echoed key, so a start of a secret directly before "…" is
 * removed too. A shorter secret is removed only as a whole value: a whole string, a JSON string
 * (`"fake"`), or a header value at the end of a line (`Authorization: Bearer fake`).
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  const shortSecrets = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    if (secret.length < MIN_ANYWHERE_SECRET) {
      shortSecrets.add(secret);
      continue;
    }
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const list = [...forms].sort((a, b) => b.length - a.length);
  const wholeValue = wholeValueRedactor([...shortSecrets]);
  if (list.length === 0) return wholeValue;
  return (text) => {
    let out = wholeValue(text);
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

/** A literal to replace in a byte stream, and what replaces it. */
export interface SecretPattern {
  find: string;
  replace: string;
}

/**
 * The literals that stand for the secrets in a raw body (a transcript's body file): every form of
 * a secret of 8 characters or more, and a shorter one only as a whole JSON string (`"fake"`,
 * `"Bearer fake"`), the same rule as createRedactor.
 */
export function secretPatterns(secrets: readonly (string | undefined)[]): SecretPattern[] {
  const patterns = new Map<string, string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    const json = JSON.stringify(secret).slice(1, -1);
    if (secret.length < MIN_ANYWHERE_SECRET) {
      patterns.set(`"${json}"`, `"${REDACTED}"`);
      patterns.set(`"Bearer ${json}"`, `"Bearer ${REDACTED}"`);
      continue;
    }
    for (const form of [secret, encodeURIComponent(secret), json]) patterns.set(form, REDACTED);
  }
  return [...patterns].map(([find, replace]) => ({ find, replace }));
}

/** Removes short secrets where they are a whole value, and nowhere else. */
function wholeValueRedactor(secrets: readonly string[]): Redactor {
  if (secrets.length === 0) return (text) => text;
  const escaped = secrets.map((s) => escapeRegExp(s)).join('|');
  const jsonEscaped = secrets.map((s) => escapeRegExp(JSON.stringify(s).slice(1, -1))).join('|');
  const whole = new RegExp(`^\\s*(?:Bearer )?(?:${escaped})\\s*$`);
  const jsonString = new RegExp(`"(Bearer )?(?:${jsonEscaped})"`, 'g');
  const headerValue = new RegExp(`(:[ \\t]*(?:Bearer )?)(?:${escaped})[ \\t]*$`, 'gm');
  return (text) => {
    if (whole.test(text)) return REDACTED;
    return text.replace(jsonString, (_m, bearer: string | undefined) => `"${bearer ?? ''}${REDACTED}"`).replace(headerValue, `$1${REDACTED}`);
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/**
 * A run's result with its secrets removed from everything the server or the network put there.
 * The tool's own names (scenario and check ids, titles, tags, requirement ids, the model it was
 * told to send) are never rewritten, whatever the key is.
 */
export function redactRun<T extends RunResult>(run: T, redact: Redactor): T {
  return {
    ...run,
    target: { ...run.target, baseUrl: redact(run.target.baseUrl) },
    scenarios: run.scenarios.map((scenario) => redactScenario(scenario, redact)),
    ...(run.diagnosis !== undefined ? { diagnosis: redact(run.diagnosis) } : {}),
  };
}

/** One scenario's result with secrets removed from its note, messages and findings. */
export function redactScenario(scenario: ScenarioResult, redact: Redactor): ScenarioResult {
  return {
    ...scenario,
    ...(scenario.note !== undefined ? { note: redact(scenario.note) } : {}),
    // The answer's headers are the server's and may echo a secret; the request is the tool's own.
    ...(scenario.steps !== undefined ? { steps: scenario.steps.map((step) => (step.response ? { ...step, response: { ...step.response, headers: redactDeep(step.response.headers, redact) } } : step)) } : {}),
    checks: scenario.checks.map((check) => ({ ...check, message: redact(check.message), findings: check.findings.map((f) => redactFinding(f, redact)) })),
  };
}

/** A finding with secrets removed from what the server supplied; its check and requirement ids stay. */
function redactFinding(finding: Finding, redact: Redactor): Finding {
  const optional = (value: string | undefined) => (value === undefined ? undefined : redact(value));
  const redacted: Finding = { ...finding, message: redact(finding.message), expected: optional(finding.expected), actual: optional(finding.actual), excerpt: optional(finding.excerpt) };
  if (finding.location !== undefined) redacted.location = redactDeep(finding.location, redact);
  for (const key of ['expected', 'actual', 'excerpt'] as const) if (redacted[key] === undefined) delete redacted[key];
  return redacted;
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

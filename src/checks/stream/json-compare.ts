import { isRecord, pointerSegment } from '../../protocol/json.js';
import { truncate } from '../../spec/values.js';

/** Equality of JSON values: objects compare by keys regardless of order, arrays element by element. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

/** A pair of values still to compare, with the way back to the root for the path. */
interface Pending {
  a: unknown;
  b: unknown;
  parent: Pending | undefined;
  key: string;
}

/**
 * The JSON pointer of the first place where `a` and `b` differ, or undefined when they are equal.
 * Iterative, so a hostile server's deeply nested value cannot exhaust the call stack.
 */
export function firstDifference(a: unknown, b: unknown): string | undefined {
  const stack: Pending[] = [{ a, b, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const next = stack.pop() as Pending;
    const children = childPairs(next);
    if (children === undefined) return pointerOf(next);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

/** Marks the side of a pair where a key or element is absent. */
const ABSENT = Symbol('absent');

/** The pairs to compare below `pending`; undefined when the two values differ right there. */
function childPairs(pending: Pending): Pending[] | undefined {
  const { a, b } = pending;
  // `===` adds 0 and -0, which JSON does not tell apart; Object.is adds NaN.
  if (Object.is(a, b) || a === b) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => ({ a: i < a.length ? a[i] : ABSENT, b: i < b.length ? b[i] : ABSENT, parent: pending, key: String(i) }));
  }
  if (!isRecord(a) || !isRecord(b)) return undefined;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.map((key) => ({
    a: Object.hasOwn(a, key) ? a[key] : ABSENT,
    b: Object.hasOwn(b, key) ? b[key] : ABSENT,
    parent: pending,
    key: pointerSegment(key),
  }));
}

function pointerOf(pending: Pending): string {
  const segments: string[] = [];
  // Stryker disable next-line OptionalChaining: `at` starts defined and becomes only a parent the condition found defined.
  for (let at: Pending | undefined = pending; at?.parent !== undefined; at = at.parent) segments.push(at.key);
  return segments.reverse().map((segment) => `/${segment}`).join('');
}

/** A value as short JSON for messages; never throws, whatever the value. */
export function shortJson(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'nothing';
  } catch {
    text = 'a value too deeply nested to show';
  }
  return truncate(text, max);
}

const CONTEXT_CHARS = 24;

/** Short quotations of two differing texts around their first difference, for expected/actual. */
export function describeTextDifference(expected: string, actual: string): { expected: string; actual: string; at: number } {
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  return { expected: excerptAt(expected, at), actual: excerptAt(actual, at), at };
}

function excerptAt(text: string, at: number): string {
  const start = Math.max(0, at - CONTEXT_CHARS / 2);
  const end = Math.min(text.length, start + CONTEXT_CHARS);
  const snippet = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  return `${JSON.stringify(snippet)} (${text.length} characters)`;
}

/** True when `text` is a JSON text. */
export function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

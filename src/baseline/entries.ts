import { isRecord } from '../protocol/json.js';
import type { Finding } from '../checks/types.js';
import { problemKey } from '../report/problem-key.js';
import type { BaselineEntry, CheckResult, RunResult } from '../runner/result.js';

/** The current baseline file format. */
export const BASELINE_VERSION = 1;

/** A baseline entry as written: the failure's message goes along for the reader, and is ignored on read. */
export interface WrittenEntry extends BaselineEntry {
  message: string;
}

/** A baseline as read: the expected failures. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  failures: BaselineEntry[];
}

/**
 * The keys of a failed check's problems. A failed check always carries findings; should one
 * not, its id and requirement stand for the problem, so it can still be baselined.
 */
export function failureKeys(check: CheckResult): string[] {
  if (check.findings.length > 0) return check.findings.map(problemKey);
  const standIn: Finding = { checkId: check.id, requirement: check.requirement, verdict: 'fail', message: check.message };
  return [problemKey(standIn)];
}

/**
 * This run's failures, one entry per scenario and problem, in run order. Checks that stopped on an
 * internal error (a bug in the tool) are never baselined; they have no findings to key anyway.
 */
export function failuresOf(run: RunResult): WrittenEntry[] {
  const entries: WrittenEntry[] = [];
  const seen = new Set<string>();
  for (const scenario of run.scenarios) {
    for (const check of scenario.checks) {
      if (check.status !== 'failed' && check.status !== 'expected') continue;
      const keys = failureKeys(check);
      keys.forEach((key, i) => {
        const id = entryId({ scenario: scenario.id, key });
        if (seen.has(id)) return;
        seen.add(id);
        entries.push({ scenario: scenario.id, key, message: oneLine(check.findings[i]?.message ?? check.message) });
      });
    }
  }
  return entries;
}

/** One string per entry, for sets. */
export function entryId(entry: BaselineEntry): string {
  return JSON.stringify([entry.scenario, entry.key]);
}

/**
 * Reads a parsed baseline document, or says in a few words what is wrong with its shape. A
 * `message` beside an entry is the writer's comment and is ignored.
 */
export function parseBaseline(document: unknown): Baseline | string {
  if (!isRecord(document)) return 'expected an object with "version" and "failures"';
  const unknownKey = Object.keys(document).find((key) => key !== 'version' && key !== 'failures');
  if (unknownKey !== undefined) return `unknown key "${unknownKey}" (expected "version" and "failures")`;
  if (document.version !== BASELINE_VERSION) return `"version" must be ${BASELINE_VERSION}`;
  if (!Array.isArray(document.failures)) return '"failures" must be a list of { scenario, key } entries';
  const failures: BaselineEntry[] = [];
  for (const [index, entry] of document.failures.entries()) {
    const where = `failures[${index}]`;
    if (!isRecord(entry)) return `${where} must be an object with "scenario" and "key"`;
    const extra = Object.keys(entry).find((key) => !['scenario', 'key', 'message'].includes(key));
    if (extra !== undefined) return `${where} has an unknown key "${extra}"`;
    if (typeof entry.scenario !== 'string' || entry.scenario === '') return `${where}.scenario must be a non-empty string`;
    if (typeof entry.key !== 'string' || entry.key === '') return `${where}.key must be a non-empty string`;
    failures.push({ scenario: entry.scenario, key: entry.key });
  }
  return { version: BASELINE_VERSION, failures };
}

/** A message kept on one line, since it becomes a YAML comment. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

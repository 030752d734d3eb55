import { ConfigurationError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CurlSnippet } from '../spec/snippets.js';
import { builtInRecords } from './catalogue/index.js';
import { compileRecord } from './compile.js';
import type { ScenarioRecord } from './record.js';
import { snippetScenarios } from './snippets.js';
import { COSTLY_TAG, type Scenario } from './types.js';

/** The path part of the spec's first `servers` URL (`/v1`), which the base URL already includes. */
export function serverPathPrefix(spec: LoadedSpec): string {
  const servers = (spec.document as { servers?: { url?: string }[] }).servers;
  const url = servers?.[0]?.url;
  if (!url) return '/v1';
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return '/v1';
  }
}

/** The tag of every scenario from a `--scenarios` file, so `--only user` runs just those. */
export const USER_TAG = 'user';

/**
 * Every scenario of a run, in run order: the built-in records, the spec's snippets, then the
 * user's own records (`--scenarios`), tagged `user`. Reference-only records are never part of it.
 */
export function scenarioCatalogue(spec: LoadedSpec, snippets: readonly CurlSnippet[], userRecords: readonly ScenarioRecord[] = []): Scenario[] {
  const compile = (records: readonly ScenarioRecord[]) => records.flatMap((record) => compileRecord(record, spec.version));
  const tagged = userRecords.map((record) => ({ ...record, tags: [...(record.tags ?? []), USER_TAG] }));
  return [...compile(builtInRecords), ...snippetScenarios(snippets, serverPathPrefix(spec), spec.version), ...compile(tagged)];
}

/** What decides which scenarios run and which are skipped without sending. */
export interface Selection {
  /** `--only`: scenario ids or tags. */
  only: readonly string[];
  /** `--skip`: ids or tags left out; a capability or `costly` is kept in the results as skipped. */
  skip: readonly string[];
  /** `--capabilities`: the target offers exactly these optional features; the others are skipped. */
  capabilities?: readonly string[];
}

/** Tags whose scenarios `--skip` reports as skipped, with the reason, instead of leaving them out. */
const REPORTED_SKIP_TAGS: ReadonlySet<string> = new Set([COSTLY_TAG]);

/**
 * Applies `--only`, `--skip` and `--capabilities` before anything is sent. A name that is neither
 * a scenario id, a tag nor a capability is a usage error, so a typo never silently selects nothing.
 * A scenario needing a capability the target does not offer stays in the run as skipped, with why.
 */
export function selectScenarios(all: readonly Scenario[], selection: Selection): Scenario[] {
  const capabilities = new Set(all.map((s) => s.capability ?? 'core'));
  const known = new Set(all.flatMap((s) => [s.id, ...s.tags]));
  for (const name of [...selection.only, ...selection.skip]) {
    if (!known.has(name)) throw unknownName(name, `scenario id or tag`, known);
  }
  for (const name of selection.capabilities ?? []) {
    if (!capabilities.has(name)) throw unknownName(name, 'capability', capabilities);
  }
  const reportedSkips = selection.skip.filter((name) => (capabilities.has(name) && name !== 'core') || REPORTED_SKIP_TAGS.has(name));
  const leftOut = selection.skip.filter((name) => !reportedSkips.includes(name));
  const matches = (s: Scenario, names: readonly string[]) => names.some((n) => n === s.id || s.tags.includes(n));
  const selected = all
    .filter((s) => (selection.only.length === 0 || matches(s, selection.only)) && !matches(s, leftOut))
    .map((s) => withSkipReason(s, reportedSkips, selection.capabilities));
  if (selected.length === 0) throw new ConfigurationError('the --only/--skip selection leaves no scenario to run');
  return selected;
}

function unknownName(name: string, what: string, known: ReadonlySet<string>): ConfigurationError {
  const hint = didYouMean(name, [...known]) || '; run "open-responses-check list" to see them';
  return new ConfigurationError(`unknown ${what} "${name}"${hint}`);
}

function withSkipReason(scenario: Scenario, reportedSkips: readonly string[], capabilities: readonly string[] | undefined): Scenario {
  if (scenario.unsupported !== undefined) return scenario;
  const capability = scenario.capability ?? 'core';
  const skippedBy = reportedSkips.find((name) => name === capability || scenario.tags.includes(name));
  if (skippedBy !== undefined) return { ...scenario, unsupported: `skipped by --skip ${skippedBy}, without sending` };
  if (capabilities !== undefined && capability !== 'core' && !capabilities.includes(capability)) {
    return { ...scenario, unsupported: `skipped: --capabilities does not list ${capability}` };
  }
  return scenario;
}

/** Splits a comma-separated option value, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export type { Scenario } from './types.js';

import { ConfigurationError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CurlSnippet } from '../spec/snippets.js';
import { coreScenarios } from './core.js';
import { errorPathScenarios } from './error-paths.js';
import { snippetScenarios } from './snippets.js';
import type { Scenario } from './types.js';

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

/** Every scenario this version knows, in run order. */
export function scenarioCatalogue(spec: LoadedSpec, snippets: readonly CurlSnippet[]): Scenario[] {
  return [...coreScenarios, ...snippetScenarios(snippets, serverPathPrefix(spec)), ...errorPathScenarios];
}

/**
 * Applies `--only` and `--skip` (comma-separated ids or tags) before anything is sent. A name that
 * is neither a scenario id nor a tag is a usage error, so a typo never silently selects nothing.
 */
export function selectScenarios(all: readonly Scenario[], only: string[], skip: string[]): Scenario[] {
  const known = new Set(all.flatMap((s) => [s.id, ...s.tags]));
  for (const name of [...only, ...skip]) {
    if (!known.has(name)) {
      const hint = didYouMean(name, [...known]) || '; run "open-responses-check list" to see them';
      throw new ConfigurationError(`unknown scenario id or tag "${name}"${hint}`);
    }
  }
  const matches = (s: Scenario, names: string[]) => names.some((n) => n === s.id || s.tags.includes(n));
  const selected = all.filter((s) => (only.length === 0 || matches(s, only)) && !matches(s, skip));
  if (selected.length === 0) throw new ConfigurationError('the --only/--skip selection leaves no scenario to run');
  return selected;
}

/** Splits a comma-separated option value, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export type { Scenario } from './types.js';

import { InvalidArgumentError, Option } from 'commander';

/** Parses a positive integer option, or tells commander why not (it then exits 2). */
export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${name} must be a positive whole number, got "${value}"`);
    }
    return Number(value);
  };
}

/** Parses a TCP port (0 picks a free one). */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`--port must be a number from 0 to 65535, got "${value}"`);
  return n;
}

/** Collects a repeatable `-H "Name: value"` into a list, checking its shape. */
export function collectHeader(value: string, previous: string[] = []): string[] {
  const colon = value.indexOf(':');
  if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value.slice(0, colon).trim())) {
    throw new InvalidArgumentError(`a header must look like "Name: value", got "${value.split(':')[0]}…"`);
  }
  return [...previous, value];
}

/** Turns `-H` entries into a header record (names lower-cased; a later entry wins). */
export function headerRecord(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    out[entry.slice(0, colon).trim().toLowerCase()] = entry.slice(colon + 1).trim();
  }
  return out;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_EVENTS = 1_000_000;
export const DEFAULT_CONCURRENCY = 4;

/** The options shared by `run` and `self-test`: what to check and where to write. */
export function suiteOptions(): Option[] {
  return [
    new Option('--spec-version <date>', 'bundled spec release to test against (default: the newest)'),
    new Option('--spec <file>', 'test against this OpenAPI document instead of a bundled release'),
    new Option('--only <list>', 'run only these scenario ids or tags (comma-separated)'),
    new Option('--skip <list>', 'skip these scenario ids or tags (comma-separated)'),
    new Option('--out <dir>', 'folder for report files').default('reports'),
    new Option('--reporter <list>', 'reporters: console, json, junit (comma-separated)').default('console,json,junit'),
    new Option('--strict', 'treat warnings as failures'),
    new Option('--timeout <ms>', 'deadline for each request, from sending to the last byte').default(DEFAULT_TIMEOUT_MS).argParser(positiveInteger('--timeout')),
    new Option('--max-body-bytes <n>', 'largest JSON body or single SSE message read').default(DEFAULT_MAX_BODY_BYTES).argParser(positiveInteger('--max-body-bytes')),
    new Option('--max-events <n>', 'most SSE messages read from one stream').default(DEFAULT_MAX_EVENTS).argParser(positiveInteger('--max-events')),
    new Option('--concurrency <n>', 'scenarios run at once').default(DEFAULT_CONCURRENCY).argParser(positiveInteger('--concurrency')),
    new Option('--verbose', 'print every check, not only the failing ones'),
  ];
}

/** The values of `suiteOptions()` as commander hands them over. */
export interface SuiteFlags {
  specVersion?: string;
  spec?: string;
  only?: string;
  skip?: string;
  out: string;
  reporter: string;
  strict?: boolean;
  timeout: number;
  maxBodyBytes: number;
  maxEvents: number;
  concurrency: number;
  verbose?: boolean;
}

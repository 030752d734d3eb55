import { InvalidArgumentError, Option } from 'commander';
import type { PacingThresholds } from '../checks/types.js';
import { DEFAULTS, HEADER_BREAKING, HEADER_NAME } from '../core/options.js';
import { REPORTER_NAMES } from '../report/reporter-names.js';

/** Parses a positive integer option, or tells commander why not (it then exits 2). */
export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${name} must be a positive whole number, got "${value}"`);
    }
    return Number(value);
  };
}

/** Parses a whole-number option that may be 0, or tells commander why not (it then exits 2). */
export function nonNegativeInteger(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`${name} must be a whole number of 0 or more, got "${value}"`);
    return Number(value);
  };
}

/** Parses a fraction above 0 and at most 1, or tells commander why not (it then exits 2). */
export function fraction(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d*\.?\d+\s*$/.test(value) || !(n > 0 && n <= 1)) throw new InvalidArgumentError(`${name} must be a number above 0 and at most 1, e.g. 0.9, got "${value}"`);
    return n;
  };
}

/** Parses a TCP port (0 picks a free one). */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`--port must be a number from 0 to 65535, got "${value}"`);
  return n;
}


/** Collects a repeatable option's values into a list, in the order given. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// The messages below never repeat the value: a mistyped -H or --api-key is often a secret.

/** Collects a repeatable `-H "Name: value"` into a list, checking its shape. */
export function collectHeader(value: string, previous: string[] = []): string[] {
  const colon = value.indexOf(':');
  if (colon <= 0 || !HEADER_NAME.test(value.slice(0, colon).trim())) {
    throw new InvalidArgumentError('a header must look like "Name: value", with a header name before the colon');
  }
  if (HEADER_BREAKING.test(value)) throw new InvalidArgumentError('a header value cannot contain line breaks or NUL characters');
  return [...previous, value];
}

/** Checks `--auth-header`: a header name. */
export function headerName(value: string): string {
  if (!HEADER_NAME.test(value)) throw new InvalidArgumentError("--auth-header must be a header name (letters, digits and !#$%&'*+.^_`|~-), e.g. X-Api-Key");
  return value;
}

/** Checks `--api-key`: it is sent in a header, so it cannot break the header. */
export function apiKey(value: string): string {
  if (HEADER_BREAKING.test(value)) throw new InvalidArgumentError('--api-key cannot contain line breaks or NUL characters');
  return value;
}

/**
 * Values on the command line and in the environment that may be secrets: the API key and every
 * -H value. Usage errors are redacted with them, since commander repeats an invalid value.
 */
export function secretsInArguments(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    if (!value) return;
    secrets.push(value);
    const colon = value.indexOf(':');
    if (colon > 0) secrets.push(value.slice(colon + 1).trim());
  };
  argv.forEach((arg, i) => {
    if (arg === '--api-key' || arg === '-H' || arg === '--header') add(argv[i + 1]);
    else if (arg.startsWith('--api-key=') || arg.startsWith('--header=')) add(arg.slice(arg.indexOf('=') + 1));
    else if (arg.startsWith('-H') && !arg.startsWith('--')) add(arg.slice(2));
  });
  add(env.OPENRESPONSES_API_KEY);
  return secrets;
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


/** The options shared by `run` and `self-test`: what to check and where to write. */
export function suiteOptions(): Option[] {
  return [
    new Option('--spec-version <date>', 'bundled spec release to test against (default: the newest)'),
    new Option('--spec <file>', 'test against this OpenAPI document instead of a bundled release'),
    new Option('--only <list>', 'run only these scenario ids or tags (comma-separated)'),
    new Option('--skip <list>', 'skip these scenario ids, tags or capabilities (comma-separated)'),
    new Option('--capabilities <list>', 'the optional features the target offers, exactly (comma-separated): others are skipped, a refused one fails'),
    new Option('--out <dir>', 'folder for report files; "-" writes the one file report chosen to stdout (the console then goes to stderr)').default('reports'),
    new Option('--reporter <list>', `reporters: ${REPORTER_NAMES.join(', ')} (comma-separated)`).default('console,json,junit'),
    new Option('--strict', 'treat warnings as failures'),
    new Option('--timeout <ms>', 'deadline for each request, from sending to the last byte').default(DEFAULTS.timeoutMs).argParser(positiveInteger('--timeout')),
    new Option('--max-body-bytes <n>', 'largest JSON body or single SSE message read').default(DEFAULTS.maxBodyBytes).argParser(positiveInteger('--max-body-bytes')),
    new Option('--max-events <n>', 'most SSE messages read from one stream').default(DEFAULTS.maxEvents).argParser(positiveInteger('--max-events')),
    new Option('--concurrency <n>', 'scenarios run at once').default(DEFAULTS.concurrency).argParser(positiveInteger('--concurrency')),
    new Option('--verbose', 'print every check, not only the failing ones'),
    new Option('--quiet', 'print only the digest of problems and the summary line').conflicts('verbose'),
  ];
}

/** The values of `suiteOptions()` as commander hands them over. */
export interface SuiteFlags {
  specVersion?: string;
  spec?: string;
  only?: string;
  skip?: string;
  capabilities?: string;
  out: string;
  reporter: string;
  strict?: boolean;
  timeout: number;
  maxBodyBytes: number;
  maxEvents: number;
  concurrency: number;
  verbose?: boolean;
  quiet?: boolean;
}

/** When a stream counts as buffered, not streamed (`run` and `self-test`; SSE-Q-01). */
export function pacingOptions(): Option[] {
  return [
    new Option('--buffered-min-deltas <n>', 'judge whether a stream was buffered only when it has at least this many deltas').default(DEFAULTS.pacing.minDeltas).argParser(positiveInteger('--buffered-min-deltas')),
    new Option('--buffered-min-duration <ms>', 'judge whether a stream was buffered only when it lasts at least this long').default(DEFAULTS.pacing.minDurationMs).argParser(positiveInteger('--buffered-min-duration')),
    new Option('--buffered-late-fraction <0..1>', 'a stream is buffered when its first delta arrives after this fraction of its time…').default(DEFAULTS.pacing.lateFraction).argParser(fraction('--buffered-late-fraction')),
    new Option('--buffered-burst-window <ms>', '…and all its deltas within this many ms').default(DEFAULTS.pacing.burstWindowMs).argParser(nonNegativeInteger('--buffered-burst-window')),
  ];
}

/** The values of `pacingOptions()`. */
export interface PacingFlags {
  bufferedMinDeltas?: number;
  bufferedMinDuration?: number;
  bufferedLateFraction?: number;
  bufferedBurstWindow?: number;
}

/** The buffered-stream thresholds as the library takes them. */
export function pacingFromFlags(flags: PacingFlags): Partial<PacingThresholds> {
  return { minDeltas: flags.bufferedMinDeltas, minDurationMs: flags.bufferedMinDuration, lateFraction: flags.bufferedLateFraction, burstWindowMs: flags.bufferedBurstWindow };
}

/** Baselines of expected failures (`run` and `self-test`). */
export function baselineOptions(): Option[] {
  return [
    new Option('--baseline <file>', 'failures listed in this file (.json, .yaml) are expected and do not fail the run'),
    new Option('--write-baseline <file>', "write this run's failures to a baseline file (.json, .yaml)"),
    new Option('--strict-baseline', 'a baseline entry that no longer fails (fixed) fails the run'),
  ];
}

/** The values of `baselineOptions()`. */
export interface BaselineFlags {
  baseline?: string;
  writeBaseline?: string;
  strictBaseline?: boolean;
}

/** Retrying answers that ask to come back later (`run` and `self-test`). */
export function retryOptions(): Option[] {
  return [
    new Option('--retries <n>', 'times a request answered 429 or 503 is sent again (honours Retry-After, up to 30 s)').default(DEFAULTS.retries).argParser(nonNegativeInteger('--retries')),
  ];
}

/** The values of `retryOptions()`. */
export interface RetryFlags {
  retries?: number;
}

/** `--scenarios <file>` of `run`, `self-test` and `list`: scenarios of your own (schemas/scenarios.schema.json). */
export function scenariosOption(): Option {
  return new Option('--scenarios <file>', 'add scenarios of your own from this file (YAML or JSON; repeatable), tagged user').argParser(collect).default([]);
}

/** The value of `scenariosOption()`. */
export interface ScenarioFileFlags {
  scenarios?: string[];
}

/** The names a config file is found by in the current directory. */
export const CONFIG_FILE_NAMES = ['open-responses-check.config.json', 'open-responses-check.config.yaml', 'open-responses-check.config.yml'] as const;

/** `--config <file>` of `run` and `self-test` (read by config-file.ts). */
export function configOption(): Option {
  return new Option('--config <file>', `settings file (JSON or YAML; default: ${CONFIG_FILE_NAMES[0]} or .yaml in the current folder)`);
}

/** `--record <dir>` of `run` and `self-test`: a transcript of every step (see runner/transcript.ts). */
export function recordOption(): Option {
  return new Option('--record <dir>', 'write a transcript of every step (request, response head, body; secrets redacted) into this folder');
}

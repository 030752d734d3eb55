import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LookupFunction } from 'node:net';
import { ConfigurationError } from '../core/errors.js';
import { runConformance } from '../core/run.js';
import { createConsoleReporter } from '../report/console.js';
import { parseReporterList, writeReports, type ReporterName } from '../report/write.js';
import type { RunResult } from '../runner/result.js';
import { splitList } from '../scenarios/index.js';
import { headerRecord, type SuiteFlags } from './options.js';

/** Everything a suite run needs once the flags are read. */
export interface SuiteConfig extends SuiteFlags {
  baseUrl: string;
  model: string;
  apiKey?: string;
  authHeader: string;
  bearer: boolean;
  headers: string[];
  /** Replaces DNS resolution (tests only). */
  lookup?: LookupFunction;
  /** `--record <dir>`: where step transcripts go. */
  record?: string;
}

/** Where the suite prints and how. */
export interface SuiteIo {
  stdout: NodeJS.WritableStream;
  color: boolean;
}

/**
 * Exit codes: 0 conforming, 1 a check failed, 2 usage error, 3 the target did not answer, 4 a
 * check stopped on an internal error (a bug in the tool, which must never look like a pass).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, toolError: 4 } as const;

/** Runs the suite through the core, prints it live, writes the reports and returns the exit code. */
export async function executeSuite(config: SuiteConfig, io: SuiteIo): Promise<number> {
  const reporters = parseReporters(config.reporter);
  await prepareOutDir(config.out, reporters);
  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({ stream: io.stdout, color: io.color, verbose: config.verbose, fullReport: fullReportPath(config.out, reporters) })
    : undefined;
  const run = await runConformance({
    baseUrl: config.baseUrl,
    model: config.model,
    apiKey: config.apiKey,
    authHeader: config.authHeader,
    bearer: config.bearer,
    headers: headerRecord(config.headers),
    specVersion: config.specVersion,
    specFile: config.spec,
    only: selection('--only', config.only),
    skip: selection('--skip', config.skip),
    timeoutMs: config.timeout,
    maxBodyBytes: config.maxBodyBytes,
    maxEvents: config.maxEvents,
    concurrency: config.concurrency,
    strict: config.strict ?? false,
    lookup: config.lookup,
    record: config.record,
    onEvent: consoleReporter?.onEvent,
  });
  const written = await writeReports(run, { outDir: config.out, reporters });
  if (consoleReporter && written.length > 0) io.stdout.write(`reports: ${written.join(', ')}\n`);
  return exitCodeFor(run);
}

export function exitCodeFor(run: RunResult): number {
  if (run.scenarios.some((s) => s.status === 'failed')) return EXIT.failed;
  if (run.summary.checks.error > 0) return EXIT.toolError;
  if (run.scenarios.some((s) => s.status === 'not_run')) return EXIT.unreachable;
  return EXIT.ok;
}

/** report.json's path when this run writes it, for the console to point at. */
export function fullReportPath(out: string, reporters: readonly ReporterName[]): string | undefined {
  return reporters.includes('json') ? join(out, 'report.json') : undefined;
}

export function parseReporters(value: string): ReporterName[] {
  try {
    return parseReporterList(value);
  } catch (err) {
    throw new ConfigurationError(`--reporter: ${(err as Error).message}`);
  }
}

/** Creates the report folder before anything is sent, so a bad --out costs no run. */
export async function prepareOutDir(out: string, reporters: readonly ReporterName[]): Promise<void> {
  if (!reporters.some((name) => name !== 'console')) return;
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw new ConfigurationError(`--out ${out}: cannot create the report folder there (${(err as NodeJS.ErrnoException).code ?? 'error'}); expected a folder path`);
  }
}

/**
 * An --only/--skip list. Given but empty (`--only ""`, often an unset shell variable) is an
 * error rather than "no filter", so a typo never runs or skips everything silently.
 */
function selection(flag: string, value: string | undefined): string[] {
  const names = splitList(value);
  if (value !== undefined && names.length === 0) throw new ConfigurationError(`${flag} needs at least one scenario id or tag; run "open-responses-check list" to see them`);
  return names;
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { createConsoleReporter } from '../report/console.js';
import { createProgressDisplay } from '../report/progress.js';
import { publishToGithub, type CiEnv } from '../report/github.js';
import type { ReporterName } from '../report/reporter-names.js';
import { fileReporters, parseReporterList, renderReport, writeReports } from '../report/write.js';
import type { RunEvent } from '../runner/events.js';
import type { RunResult } from '../runner/result.js';

/** Where a run prints, and the environment its CI output reads (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY). */
export interface OutputIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
  /** stdout is a terminal: a header and a live progress line are shown. */
  tty?: boolean;
  /** The process environment in the real CLI; tests pass their own, so the host's CI never leaks in. */
  env?: CiEnv;
}

/** `--out -`: the one file report goes to standard output, the console to standard error. */
export const STDOUT_OUT = '-';

/** What a run's front ends need from --reporter, --out and --verbose. */
export interface OutputFlags {
  reporter: string;
  out: string;
  verbose?: boolean;
  quiet?: boolean;
}

/** The run's outputs, set up before anything is sent: live events in, reports out at the end. */
export interface RunOutputs {
  /** The console reporter's event handler, when the console reporter is on. */
  onEvent?: (event: RunEvent) => void;
  /** Writes the reports (files, or the one report to stdout) and the CI output. */
  finish(run: RunResult): Promise<void>;
}

/**
 * Reads --reporter and --out and prepares where everything goes, so a bad value costs no run. With
 * `--out -` exactly one file reporter must be chosen; its report is written to stdout, and the
 * console (and CI annotations) move to stderr so the two never mix.
 */
export async function prepareOutputs(flags: OutputFlags, io: OutputIo): Promise<RunOutputs> {
  const reporters = parseReporters(flags.reporter);
  const toStdout = flags.out === STDOUT_OUT;
  const stdoutReport = toStdout ? singleFileReporter(reporters) : undefined;
  if (!toStdout) await prepareOutDir(flags.out, reporters);
  const consoleStream = toStdout ? io.stderr : io.stdout;
  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({ stream: consoleStream, color: io.color, verbose: flags.verbose, quiet: flags.quiet, fullReport: toStdout ? undefined : fullReportPath(flags.out, reporters) })
    : undefined;
  // The live line shares the console's terminal; it is left out when the console is not on one.
  const progress = consoleReporter && io.tty && !toStdout && !flags.quiet ? createProgressDisplay({ stream: consoleStream }) : undefined;
  return {
    onEvent:
      consoleReporter &&
      ((event) => {
        progress?.clear();
        consoleReporter.onEvent(event);
        progress?.onEvent(event);
      }),
    finish: async (run) => {
      if (stdoutReport !== undefined) {
        io.stdout.write(renderReport(stdoutReport, run));
      } else {
        const written = await writeReports(run, { outDir: flags.out, reporters });
        if (consoleReporter && !flags.quiet && written.length > 0) consoleStream.write(`reports: ${written.join(', ')}\n`);
      }
      await publishToGithub(run, { env: io.env ?? {}, stream: consoleStream, stderr: io.stderr, markdown: reporters.includes('markdown') });
    },
  };
}

/** The one file reporter `--out -` writes to stdout, or a usage error saying how to choose it. */
function singleFileReporter(reporters: readonly ReporterName[]): ReporterName {
  const files = fileReporters(reporters);
  if (files.length === 1) return files[0];
  const chosen = files.length === 0 ? 'none' : files.join(', ');
  throw new ConfigurationError(`--out - writes exactly one report to standard output, but --reporter chose ${files.length} file reporters (${chosen}); name one, e.g. --reporter console,json`);
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
  if (fileReporters(reporters).length === 0) return;
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw new ConfigurationError(`--out ${out}: cannot create the report folder there (${(err as NodeJS.ErrnoException).code ?? 'error'}); expected a folder path`);
  }
}

/**
 * Runs the CLI against a misbehaving server and gathers what a hostile-server test asserts on:
 * exit code, wall time, the JSON report, and proof that the API key appears in no output.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import type { CheckStatus } from '../../src/runner/result.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { readReport, reportedChecks, type ReportedCheck } from '../helpers/report.js';

/** The key every hostile run sends; it must never come back out. */
export const API_KEY = `sk-hostile-${randomBytes(12).toString('hex')}`;
/** A stack frame line, as a crash would print it. */
export const STACK_LINE = /\n\s+at /;
/** Deadline passed to `--timeout` unless a test needs another. */
export const TIMEOUT_MS = 1500;

export interface HostileRun extends CliRun {
  wallMs: number;
  outDir: string;
  /** report.json, when the run got far enough to write one (checked against its schema). */
  report: JsonReport | undefined;
}

/**
 * Runs one scenario against `baseUrl` with a small deadline, the hostile key and every reporter,
 * then checks what holds for every run: no stack trace, and the key in no output at all.
 */
export async function runAgainst(baseUrl: string, only: string | undefined, extra: string[] = []): Promise<HostileRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'orc-hostile-'));
  const args = ['--base-url', baseUrl, '--model', 'm', '--timeout', String(TIMEOUT_MS), '--out', outDir, '--api-key', API_KEY, ...(only ? ['--only', only] : []), ...extra];
  const started = performance.now();
  const run = await runCli(args);
  const wallMs = Math.round(performance.now() - started);
  const report = existsSync(join(outDir, 'report.json')) ? readReport(outDir) : undefined;
  expect(run.stderr).not.toMatch(STACK_LINE);
  expectNoSecret(outputsOf(run, outDir));
  return { ...run, wallMs, outDir, report };
}

/** stdout, stderr and every report file of a run, by name. */
export function outputsOf(run: CliRun, outDir: string): Record<string, string> {
  return { stdout: run.stdout, stderr: run.stderr, ...readTree(outDir) };
}

/** Every file under `dir`, by path, as text. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[path] = readFileSync(path, 'utf8');
  }
  return files;
}

/**
 * Fails naming each output that holds a secret, whole or cut: a secret's first 12 characters are
 * enough to count, so a message truncated mid-key is caught too.
 */
export function expectNoSecret(outputs: Record<string, string>, secrets: readonly string[] = [API_KEY]): void {
  const leaks = Object.entries(outputs).flatMap(([where, text]) =>
    secrets.filter((secret) => text.includes(secret.slice(0, 12))).map((secret) => `${where} holds ${text.includes(secret) ? '' : 'a cut '}${secret.slice(0, 3)}…`),
  );
  expect(leaks, `secrets leaked: ${leaks.join('; ')}`).toEqual([]);
}

/** Every check result of the run with this id, in any step (passed, skipped and not-run ones included). */
export function resultsFor(run: HostileRun, id: string): ReportedCheck[] {
  return (run.report?.scenarios ?? []).flatMap((s) => [...reportedChecks(s)].filter(([name]) => name === id || name.endsWith(`: ${id}`)).map(([, check]) => check));
}

/** Asserts the run reported `id` with `status`, and returns its first message. */
export function expectCheck(run: HostileRun, id: string, status: CheckStatus = 'failed'): string {
  const results = resultsFor(run, id);
  expect(results.map((r) => r.status), `${id} in ${summarize(run)}`).toContain(status);
  return results.find((r) => r.status === status)!.message;
}

/** The ids of the failed checks of a run, each once. */
export function failedChecks(run: HostileRun): string[] {
  return [...new Set((run.report?.scenarios ?? []).flatMap((s) => s.checks.filter((c) => c.status === 'failed').map((c) => c.id)))];
}

/** The failing and warning checks of a run, for assertion messages and the log. */
export function summarize(run: HostileRun): string {
  const notable = (run.report?.scenarios ?? []).flatMap((s) => s.checks.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => `${c.id}=${c.status}`));
  return `exit ${run.code} in ${run.wallMs} ms: ${notable.join(', ') || 'no failing check'}`;
}

export interface MemoryPeak<T> {
  result: T;
  /** Largest growth over the starting figure seen while `work` ran, in MiB. */
  rssMiB: number;
  heapMiB: number;
  /** Buffers and other memory outside the JS heap (arrayBuffers included). */
  externalMiB: number;
}

/** Runs `work` while sampling this process's memory, and reports the peak growth. */
export async function measureMemory<T>(work: () => Promise<T>, everyMs = 20): Promise<MemoryPeak<T>> {
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heap: start.heapUsed, external: start.external };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
    peak.external = Math.max(peak.external, now.external);
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work();
    sample();
    const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return { result, rssMiB: mib(peak.rss - start.rss), heapMiB: mib(peak.heap - start.heapUsed), externalMiB: mib(peak.external - start.external) };
  } finally {
    clearInterval(timer);
  }
}

/** Waits until `condition` holds, polling; fails after `withinMs`. */
export async function eventually(condition: () => boolean, withinMs = 2000): Promise<void> {
  const until = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`condition still false after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

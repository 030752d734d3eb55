import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDispatcher, type TargetConfig } from '../http/client.js';
import { createConsoleReporter } from '../report/console.js';
import { parseReporterList, writeReports, type ReporterName } from '../report/write.js';
import { runSuite } from '../runner/run.js';
import type { RunResult, ScenarioResult } from '../runner/result.js';
import { createRedactor, displayUrl, isSecretHeaderName, redactRun, redactScenario } from '../runner/redaction.js';
import { scenarioCatalogue, selectScenarios, splitList } from '../scenarios/index.js';
import { createSchemaValidator, loadCurlSnippets, loadSpec } from '../spec/index.js';
import { UsageError } from './errors.js';
import { headerRecord, type SuiteFlags } from './options.js';
import { toolInfo } from './version.js';
import type { LookupFunction } from 'node:net';

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

/** Runs the selected scenarios against the target, prints and writes the reports, returns the exit code. */
export async function executeSuite(config: SuiteConfig, io: SuiteIo): Promise<number> {
  const baseUrl = normaliseBaseUrl(config.baseUrl);
  const reporters = parseReporters(config.reporter);
  const spec = loadSpec({ specFile: config.spec, specVersion: config.specVersion });
  const schemas = createSchemaValidator(spec.document);
  const scenarios = selectScenarios(scenarioCatalogue(spec, loadCurlSnippets()), selection('--only', config.only), selection('--skip', config.skip));
  await prepareOutDir(config.out, reporters);

  const extraHeaders = headerRecord(config.headers);
  const headers: Record<string, string> = { ...extraHeaders };
  if (config.apiKey !== undefined) headers[config.authHeader.toLowerCase()] = config.bearer ? `Bearer ${config.apiKey}` : config.apiKey;
  const secrets = [config.apiKey, ...Object.entries(extraHeaders).filter(([name]) => isSecretHeaderName(name)).map(([, value]) => value)];
  const redact = createRedactor(secrets);

  const target: TargetConfig = { baseUrl, headers, timeoutMs: config.timeout, ...(config.apiKey !== undefined ? { authHeader: config.authHeader } : {}) };
  const dispatcher = createDispatcher({ lookup: config.lookup });
  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({ stream: io.stdout, color: io.color, verbose: config.verbose, fullReport: fullReportPath(config.out, reporters) })
    : undefined;
  try {
    const rawRun = await runSuite({
      scenarios,
      env: { target, dispatcher, ctx: { schemas, specVersion: spec.version, maxBodyBytes: config.maxBodyBytes }, limits: { maxBodyBytes: config.maxBodyBytes, maxEvents: config.maxEvents } },
      model: config.model,
      target: { baseUrl: displayUrl(baseUrl), model: config.model },
      specVersion: spec.version,
      tool: toolInfo(),
      concurrency: config.concurrency,
      strict: config.strict ?? false,
      onScenarioFinished: (result: ScenarioResult) => consoleReporter?.onScenarioFinished(redactScenario(result, redact)),
    });
    const run: RunResult = redactRun(rawRun, redact);
    consoleReporter?.onRunFinished(run);
    const written = await writeReports(run, { outDir: config.out, reporters });
    if (consoleReporter && written.length > 0) io.stdout.write(`reports: ${written.join(', ')}\n`);
    return exitCodeFor(run);
  } finally {
    await dispatcher.close();
  }
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
    throw new UsageError(`--reporter: ${(err as Error).message}`);
  }
}

/** Creates the report folder before anything is sent, so a bad --out costs no run. */
export async function prepareOutDir(out: string, reporters: readonly ReporterName[]): Promise<void> {
  if (!reporters.some((name) => name !== 'console')) return;
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw new UsageError(`--out ${out}: cannot create the report folder there (${(err as NodeJS.ErrnoException).code ?? 'error'}); expected a folder path`);
  }
}

/**
 * An --only/--skip list. Given but empty (`--only ""`, often an unset shell variable) is an
 * error rather than "no filter", so a typo never runs or skips everything silently.
 */
function selection(flag: string, value: string | undefined): string[] {
  const names = splitList(value);
  if (value !== undefined && names.length === 0) throw new UsageError(`${flag} needs at least one scenario id or tag; run "open-responses-check list" to see them`);
  return names;
}

/** The API root as given, checked, without a trailing slash. */
export function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url "${displayUrl(value)}" is not a URL; expected e.g. http://localhost:8000/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url must be an http:// or https:// URL, got ${url.protocol}`);
  }
  if (url.search || url.hash) throw new UsageError('--base-url must not carry a query or fragment');
  return value.replace(/\/+$/, '');
}

import { mkdir } from 'node:fs/promises';
import { createDispatcher, type TargetConfig } from '../http/client.js';
import type { RunEvent } from '../runner/events.js';
import { createRedactor, displayUrl, isSecretHeaderName, redactRun, redactScenario, secretPatterns, type Redactor } from '../runner/redaction.js';
import { createTranscriptRecorder, type TranscriptRecorder } from '../runner/transcript.js';
import type { RunResult, RunTarget, ScenarioResult } from '../runner/result.js';
import { withReproductions } from '../report/reproduce.js';
import { runSuite } from '../runner/run.js';
import { loadScenarioFiles } from '../scenarios/file.js';
import { scenarioCatalogue, selectScenarios } from '../scenarios/index.js';
import { loadCurlSnippets, loadSpec, schemaValidatorFor } from '../spec/index.js';
import { checkHeaders, DEFAULTS, nonNegativeWhole, normaliseBaseUrl, pacingThresholds, positiveWhole, type ConformanceOptions } from './options.js';
import type { RetryPolicy } from '../runner/retry.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError } from './errors.js';
import { toolInfo } from './version.js';

/**
 * Runs the conformance suite against a server and returns its result, free of secrets. Everything
 * is checked before the first request: a bad option, an unknown spec version or scenario throws a
 * ConfigurationError and sends nothing. `onEvent` sees the run as it happens.
 */
export async function runConformance(options: ConformanceOptions): Promise<RunResult> {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  if (!options.model) throw new ConfigurationError('--model is required (or set OPENRESPONSES_MODEL)');
  checkHeaders(options);
  const limits = {
    timeoutMs: positiveWhole('timeout', options.timeoutMs ?? DEFAULTS.timeoutMs),
    maxBodyBytes: positiveWhole('maxBodyBytes', options.maxBodyBytes ?? DEFAULTS.maxBodyBytes),
    maxEvents: positiveWhole('maxEvents', options.maxEvents ?? DEFAULTS.maxEvents),
    concurrency: positiveWhole('concurrency', options.concurrency ?? DEFAULTS.concurrency),
  };
  const pacing = pacingThresholds(options.pacing);
  const retry: RetryPolicy = { retries: nonNegativeWhole('retries', options.retries ?? DEFAULTS.retries), sleep: options.sleep ?? sleep, now: Date.now };
  const spec = loadSpec({ specFile: options.specFile, specVersion: options.specVersion });
  const schemas = schemaValidatorFor(spec);
  const userRecords = loadScenarioFiles(options.scenarioFiles ?? [], spec, schemas);
  const scenarios = selectScenarios(scenarioCatalogue(spec, loadCurlSnippets(), userRecords), {
    only: options.only ?? [],
    skip: options.skip ?? [],
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });

  const authHeader = options.authHeader ?? DEFAULTS.authHeader;
  const extraHeaders = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const headers: Record<string, string> = { ...extraHeaders };
  if (options.apiKey !== undefined) headers[authHeader.toLowerCase()] = options.bearer === false ? options.apiKey : `Bearer ${options.apiKey}`;
  const secrets = [options.apiKey, ...Object.entries(extraHeaders).filter(([name]) => isSecretHeaderName(name)).map(([, value]) => value)];
  const redact = createRedactor(secrets);

  const target: TargetConfig = { baseUrl, headers, timeoutMs: limits.timeoutMs, ...(options.apiKey !== undefined ? { authHeader } : {}) };
  const transcripts = options.record === undefined ? undefined : await prepareTranscripts(options.record, { redact, secrets, maxBodyBytes: limits.maxBodyBytes, authHeader: target.authHeader });
  const display = displayTarget(baseUrl, options, authHeader, extraHeaders);
  const shown: RunTarget = { ...display, baseUrl: redact(display.baseUrl) };
  // Each scenario is finished for output once; the live events and the returned run share it.
  const finished = new Map<string, ScenarioResult>();
  const finish = (scenario: ScenarioResult): ScenarioResult => {
    const done = reproducible(redactScenario(scenario, redact), shown, redact, options.reproductions !== false);
    finished.set(scenario.id, done);
    return done;
  };
  const emit = redactingEmitter(options.onEvent, finish);
  const tool = toolInfo();
  emit({ type: 'run-started', tool, specVersion: spec.version, target: display, scenarios: scenarios.map(({ id, title, tags }) => ({ id, title, tags: [...tags] })) });
  const dispatcher = createDispatcher({ lookup: options.lookup });
  try {
    const raw = await runSuite({
      scenarios,
      env: { target, dispatcher, ctx: { schemas, specVersion: spec.version, maxBodyBytes: limits.maxBodyBytes, pacing }, limits, retry, ...(transcripts ? { transcripts } : {}) },
      model: options.model,
      target: display,
      specVersion: spec.version,
      tool,
      concurrency: limits.concurrency,
      strict: options.strict ?? false,
      onEvent: emit,
      ...(options.capabilities ? { declaredCapabilities: options.capabilities } : {}),
    });
    const unwritten = transcripts?.failure();
    if (unwritten !== undefined) throw new ConfigurationError(`--record ${options.record}: a transcript file could not be written (${redact(unwritten)})`);
    const run: RunResult = { ...redactRun({ ...raw, scenarios: [] }, redact), specSha256: spec.sha256, scenarios: raw.scenarios.map((s) => finished.get(s.id) ?? finish(s)) };
    emit({ type: 'run-finished', result: run });
    return run;
  } finally {
    await dispatcher.close();
  }
}

/**
 * The caller's listener behind the redactor: a finished scenario is finished for output (redacted,
 * with its reproductions) and its findings are announced one by one after it.
 */
function redactingEmitter(listener: ((event: RunEvent) => void) | undefined, finish: (scenario: ScenarioResult) => ScenarioResult): (event: RunEvent) => void {
  if (listener === undefined) return () => undefined;
  return (event) => {
    if (event.type !== 'scenario-finished') return listener(event);
    const result = finish(event.result);
    for (const check of result.checks) {
      for (const finding of check.findings) listener({ type: 'finding', scenario: result.id, ...(check.step ? { step: check.step } : {}), finding });
    }
    listener({ type: 'scenario-finished', result });
  };
}

/** The transcript recorder of `--record`, once its folder exists; a folder that cannot be made sends nothing. */
async function prepareTranscripts(
  dir: string,
  parts: { redact: Redactor; secrets: readonly (string | undefined)[]; maxBodyBytes: number; authHeader: string | undefined },
): Promise<TranscriptRecorder> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new ConfigurationError(`--record ${dir}: cannot create the transcript folder there (${(err as NodeJS.ErrnoException).code ?? 'error'}); expected a folder path`);
  }
  return createTranscriptRecorder({
    dir,
    redact: parts.redact,
    secrets: secretPatterns(parts.secrets),
    maxBodyBytes: parts.maxBodyBytes,
    secretHeaders: parts.authHeader === undefined ? [] : [parts.authHeader.toLowerCase()],
  });
}

/** A redacted scenario with a reproduction on each step when it failed; the command goes through the redactor too. */
function reproducible(scenario: ScenarioResult, target: RunTarget, redact: Redactor, wanted: boolean): ScenarioResult {
  if (!wanted) return scenario;
  const result = withReproductions(scenario, target);
  if (result.steps === undefined) return result;
  return { ...result, steps: result.steps.map((step) => (step.curl === undefined ? step : { ...step, curl: redact(step.curl) })) };
}

/**
 * The target as reports show it: the base URL without userinfo, the model, how the key was sent
 * (never the key) and the extra headers with secret values left out.
 */
function displayTarget(baseUrl: string, options: ConformanceOptions, authHeader: string, extraHeaders: Record<string, string>): RunTarget {
  const headers = Object.entries(extraHeaders).map(([name, value]) => (isSecretHeaderName(name) ? { name } : { name, value }));
  return {
    baseUrl: displayUrl(baseUrl),
    model: options.model,
    ...(options.apiKey !== undefined ? { authHeader, bearer: options.bearer !== false } : {}),
    ...(headers.length > 0 ? { headers } : {}),
  };
}

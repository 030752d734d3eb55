/**
 * The library entry point: run the suite from your own test runner, or judge captured bodies.
 *
 *   import { runConformance } from 'open-responses-check';
 *   const run = await runConformance({ baseUrl: 'http://localhost:8000/v1', model: 'my-model' });
 *   if (run.summary.failed > 0) throw new Error('not conformant');
 */
export { runConformance } from './run.js';
export { createCaptureValidator, validateCapture, type Capture, type CaptureOptions, type CaptureValidator, type RecordedExchange } from './capture.js';
export { isRecordedStep, loadRecordedStep } from './recorded.js';
export { ConfigurationError } from './errors.js';
export { DEFAULTS, type ConformanceOptions } from './options.js';
export type { RunEvent } from '../runner/events.js';
export type { CheckResult, CheckStatus, RunResult, RunSummary, RunTarget, ScenarioResult, ScenarioStatus } from '../runner/result.js';
export type { Finding, Location, Severity, Verdict } from '../checks/types.js';
export { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../fixtures/server.js';
export { applyBaseline, failuresOf, parseBaseline, serializeBaseline, type Baseline, type BaselineSettings, type WrittenEntry } from '../baseline/index.js';
export type { BaselineEntry, BaselineOutcome } from '../runner/result.js';

import type { RunResult, StepRecord } from '../../src/runner/result.js';
import { HOSTILE, hostileRun, sampleRun } from './fixtures.js';

/** Markup a hostile server could try to get run: a script, event handlers, a quote to break out of an attribute. */
export const INJECTION = `"><script>window.__injected=1</script><img src=x onerror="window.__injected=2"><svg onload=alert(3)>' autofocus onfocus='alert(4)`;

/** A stream step whose events 0..11 arrived in order; the fixture's findings point at 4..11. */
function streamStep(name: string): StepRecord {
  return {
    name,
    request: { method: 'POST', path: '/responses', body: { model: 'test-model', input: 'Count to 5', stream: true }, stream: true },
    response: { status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' } },
    timeline: Array.from({ length: 12 }, (_, index) => ({ index, type: index === 0 ? 'response.created' : 'response.output_text.delta', sequenceNumber: index })),
    timelineDropped: 3,
  };
}

function jsonStep(name: string): StepRecord {
  return {
    name,
    request: { method: 'POST', path: '/responses', body: { model: 'test-model', input: 'Hi' }, stream: false },
    response: { status: 200, headers: { 'content-type': 'application/json' } },
  };
}

/**
 * The sample run with the steps a live run records: one stream step for the failed scenario, two
 * for the conversation (the warning is on turn-2, a stream), one for the passed scenario.
 */
export function runWithSteps(): RunResult {
  const run = sampleRun();
  const [passed, failed, warning, ...rest] = run.scenarios;
  return {
    ...run,
    scenarios: [
      { ...passed, steps: [jsonStep('request')] },
      { ...failed, steps: [streamStep('request')] },
      {
        ...warning,
        checks: warning.checks.map((check) =>
          check.step === 'turn-2' ? { ...check, findings: check.findings.map((f) => ({ ...f, location: { eventIndex: 2 } })) } : check,
        ),
        steps: [streamStep('turn-1'), streamStep('turn-2')],
      },
      ...rest,
    ],
  };
}

/** Every string value of `value` passed through `change` (keys are left: they are the RunResult's shape). */
function mapStrings<T>(value: T, change: (text: string) => string): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return change(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v)]));
    return item;
  };
  // walk keeps the shape: only string contents change.
  return walk(value) as T;
}

/**
 * hostileRun with a hostile step (body, headers, event types) and the injection markup after every
 * string, so each place the report writes server text is attacked. Status values stay valid.
 */
export function hostileRunWithSteps(): RunResult {
  const run = hostileRun();
  const step: StepRecord = {
    name: HOSTILE,
    // Body keys and header names come from the target too (a previous answer's items, its headers).
    request: { method: HOSTILE, path: HOSTILE, body: { [HOSTILE + INJECTION]: HOSTILE, nested: [HOSTILE] }, stream: true },
    response: { status: 200, headers: { [HOSTILE + INJECTION]: HOSTILE } },
    timeline: [0, 1, 2, 3].map((index) => ({ index, type: HOSTILE, sequenceNumber: index })),
  };
  const statuses = new Set(['passed', 'failed', 'warning', 'skipped', 'not_run', 'error', 'fail', 'warn', 'MUST']);
  const withSteps: RunResult = { ...run, diagnosis: HOSTILE, scenarios: run.scenarios.map((s) => ({ ...s, steps: [step] })) };
  return mapStrings(withSteps, (text) => (statuses.has(text) ? text : text + INJECTION));
}

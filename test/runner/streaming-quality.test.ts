/**
 * Streaming quality through the reference server: every streamed step records how its answer
 * arrived, a buffered stream (fault buffer-stream) draws the SSE-Q-01 warning with its timings, a
 * paced conforming stream passes it, and a stream too short to tell is reported as not judged.
 * Times are asserted by lower bounds and orderings only; how much later an event comes depends
 * on the machine.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUFFERED_HOLD_MS } from '../../src/fixtures/faults/pace.js';
import type { JsonReport, JsonScenario } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';
import { readReport, reportedChecks } from '../helpers/report.js';

const CHECK = 'stream/buffered-stream';
/** libuv starts a timer from the event loop's time, kept in whole milliseconds. */
const TIMER_GRANULARITY_MS = 1;

async function selfTest(...args: string[]): Promise<{ code: number; stderr: string; report: JsonReport }> {
  const out = mkdtempSync(join(tmpdir(), 'orc-quality-'));
  const run = await runCli(['self-test', '--reporter', 'json', '--out', out, ...args]);
  return { code: run.code, stderr: run.stderr, report: readReport(out) };
}

function scenario(report: JsonReport, id: string): JsonScenario {
  const found = report.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

describe('streaming measures and the buffered-stream rule, live', () => {
  it('records how each stream arrived, and does not judge the fast reference streams', async () => {
    const { code, report } = await selfTest('--only', 'text-input-stream,websocket-sequential');
    expect(code).toBe(0);
    const stream = scenario(report, 'text-input-stream');
    const measures = stream.steps?.[0].streaming;
    expect(measures).toBeDefined();
    const { timeToHeadersMs, timeToCreatedMs, timeToFirstDeltaMs, deltaCount, largestGapMs, totalMs, eventCount } = measures!;
    expect(deltaCount).toBeGreaterThanOrEqual(8);
    expect(eventCount).toBeGreaterThan(deltaCount);
    expect(timeToHeadersMs).toBeLessThanOrEqual(timeToCreatedMs!);
    expect(timeToCreatedMs).toBeLessThanOrEqual(timeToFirstDeltaMs!);
    expect(timeToFirstDeltaMs).toBeLessThanOrEqual(totalMs);
    expect(largestGapMs).toBeLessThanOrEqual(totalMs);
    // Two turns on one socket: each is timed from its own response.create, without headers.
    for (const step of scenario(report, 'websocket-sequential').steps ?? []) {
      expect(step.streaming, step.name).toMatchObject({ timeToCreatedMs: expect.any(Number), deltaCount: expect.any(Number) });
      expect(step.streaming?.timeToHeadersMs, step.name).toBeUndefined();
    }
    // Fast streams are too short to tell: skipped with the thresholds as the reason. (A first request
    // slowed past a second by a busy machine is judged, and passes: the reference server streams.)
    const judged = reportedChecks(stream).get(CHECK);
    if (totalMs >= 1000) {
      expect(judged?.status).toBe('passed');
    } else {
      expect(judged?.status).toBe('skipped');
      expect(judged?.message).toBe(
        'not judged: too short to tell a stream from a burst (it takes at least 8 deltas over at least 1000 ms: --buffered-min-deltas, --buffered-min-duration)',
      );
    }
  });

  it('warns about a buffered stream with its timings, and the run still passes', async () => {
    const { code, report } = await selfTest('--only', 'text-input-stream', '--fault', 'buffer-stream');
    expect(code).toBe(0);
    const stream = scenario(report, 'text-input-stream');
    expect(stream.status).toBe('warning');
    const measures = stream.steps?.[0].streaming;
    expect(measures?.timeToFirstDeltaMs).toBeGreaterThanOrEqual(BUFFERED_HOLD_MS - TIMER_GRANULARITY_MS);
    // The headers left at once; every event came in the one write after the hold, a long silence of the open stream.
    expect(measures?.timeToHeadersMs).toBeLessThan(BUFFERED_HOLD_MS);
    expect(measures?.largestGapMs).toBeGreaterThanOrEqual(BUFFERED_HOLD_MS / 2);
    expect(measures?.largestGapMs).toBe(measures!.timeToCreatedMs! - measures!.timeToHeadersMs!);
    const check = reportedChecks(stream).get(CHECK);
    expect(check?.status).toBe('warning');
    expect(check?.findings).toHaveLength(1);
    const [finding] = check!.findings;
    expect(finding).toMatchObject({ requirement: 'SSE-Q-01', verdict: 'warn', location: { eventType: 'response.output_text.delta' } });
    expect(finding.message).toBe(
      `The answer was buffered, not streamed: first delta at ${measures?.timeToFirstDeltaMs} ms of ${measures?.totalMs} ms; ${measures?.deltaCount} deltas within ${finding.actual?.match(/within (\d+) ms/)?.[1]} ms. A user sees nothing until the whole answer is done.`,
    );
    expect(report.digest.map((problem) => problem.checkId)).toEqual([CHECK]);
  });

  it('fails a buffered stream under --strict', async () => {
    const { code } = await selfTest('--only', 'text-input-stream', '--fault', 'buffer-stream', '--strict');
    expect(code).toBe(1);
  });

  it('passes a paced conforming stream, over SSE and WebSocket alike', async () => {
    // 70 ms between events: the text-input-stream answer (over 20 events) takes well over a second.
    const { code, report } = await selfTest('--only', 'text-input-stream,websocket-response', '--event-interval', '70');
    expect(code).toBe(0);
    for (const id of ['text-input-stream', 'websocket-response']) {
      const paced = scenario(report, id);
      expect(reportedChecks(paced).get(CHECK)?.status, id).toBe('passed');
      const measures = paced.steps?.[0].streaming;
      expect(measures?.totalMs, id).toBeGreaterThanOrEqual(1000);
      expect(measures?.largestGapMs, id).toBeGreaterThanOrEqual(70 - TIMER_GRANULARITY_MS);
    }
  });

  it('takes its thresholds from the flags and the config file', async () => {
    // With thresholds a fast stream meets, it is judged: the reference server streams, so it passes.
    const judged = await selfTest('--only', 'text-input-stream', '--buffered-min-duration', '1', '--buffered-min-deltas', '2');
    expect(reportedChecks(scenario(judged.report, 'text-input-stream')).get(CHECK)?.status).toBe('passed');
    const cwd = mkdtempSync(join(tmpdir(), 'orc-quality-config-'));
    writeFileSync(join(cwd, 'open-responses-check.config.json'), JSON.stringify({ bufferedMinDeltas: 500 }));
    const out = join(cwd, 'out');
    const configured = await runCli(['self-test', '--only', 'text-input-stream', '--reporter', 'json', '--out', out], { cwd });
    expect(configured.code).toBe(0);
    expect(reportedChecks(scenario(readReport(out), 'text-input-stream')).get(CHECK)?.message).toContain('at least 500 deltas');
  });

  it.each([
    [['--buffered-late-fraction', '1.5'], `error: option '--buffered-late-fraction <0..1>' argument '1.5' is invalid. --buffered-late-fraction must be a number above 0 and at most 1, e.g. 0.9, got "1.5"`],
    [['--buffered-late-fraction', '0'], `error: option '--buffered-late-fraction <0..1>' argument '0' is invalid. --buffered-late-fraction must be a number above 0 and at most 1, e.g. 0.9, got "0"`],
    [['--buffered-min-deltas', '0'], `error: option '--buffered-min-deltas <n>' argument '0' is invalid. --buffered-min-deltas must be a positive whole number, got "0"`],
    [['--buffered-min-duration', 'soon'], `error: option '--buffered-min-duration <ms>' argument 'soon' is invalid. --buffered-min-duration must be a positive whole number, got "soon"`],
    [['--buffered-burst-window', '-5'], `error: option '--buffered-burst-window <ms>' argument '-5' is invalid. --buffered-burst-window must be a whole number of 0 or more, got "-5"`],
    [['--event-interval', '1.5'], `error: option '--event-interval <ms>' argument '1.5' is invalid. --event-interval must be a whole number of 0 or more, got "1.5"`],
  ])('refuses %j with one line and exit 2, sending nothing', async (flags, message) => {
    const run = await runCli(['self-test', '--reporter', 'json', '--out', mkdtempSync(join(tmpdir(), 'orc-quality-')), ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n(run with --help for usage)\n`);
  });

  it('refuses a bad threshold in a config file, naming the file and key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'orc-quality-config-'));
    writeFileSync(join(cwd, 'open-responses-check.config.json'), JSON.stringify({ bufferedLateFraction: 2 }));
    const run = await runCli(['self-test', '--reporter', 'json', '--out', join(cwd, 'out')], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^open-responses-check: config file .*open-responses-check\.config\.json: "bufferedLateFraction" is invalid: --buffered-late-fraction must be a number above 0 and at most 1, e\.g\. 0\.9, got "2"\n$/);
  });
});

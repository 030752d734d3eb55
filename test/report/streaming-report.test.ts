/** A step's streaming measures as each report shows them: console (verbose), summary.md and report.html. */
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html.js';
import { renderMarkdownSummary } from '../../src/report/markdown.js';
import { describeStreaming } from '../../src/report/streaming-text.js';
import type { RunResult, StepRecord, StreamingMeasures } from '../../src/runner/result.js';
import { failedScenario, passedScenario, sampleRun } from './fixtures.js';
import { printRun } from './print-run.js';

const BUFFERED: StreamingMeasures = { timeToHeadersMs: 3, timeToCreatedMs: 1478, timeToFirstDeltaMs: 1480, deltaCount: 12, largestGapMs: 1475, totalMs: 1500, eventCount: 20 };
const STREAMED: StreamingMeasures = { timeToHeadersMs: 2, timeToCreatedMs: 4, timeToFirstDeltaMs: 30, deltaCount: 17, largestGapMs: 21, totalMs: 160, eventCount: 26 };

function streamStep(name: string, streaming: StreamingMeasures): StepRecord {
  return { name, request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'hi', stream: true }, stream: true }, response: { status: 200, headers: {} }, streaming };
}

/** The sample run with a buffered stream on the failed scenario and two streamed turns on the passed one. */
function runWithStreams(): RunResult {
  const run = sampleRun();
  const [, , ...rest] = run.scenarios;
  return {
    ...run,
    scenarios: [
      { ...passedScenario, steps: [streamStep('turn-1', STREAMED), streamStep('turn-2', { ...STREAMED, timeToFirstDeltaMs: 50, largestGapMs: 10 })] },
      { ...failedScenario, steps: [streamStep('request', BUFFERED)] },
      ...rest,
    ],
  };
}

describe('streaming measures in the reports', () => {
  it('read as one line, leaving out what a transport or stream lacks', () => {
    expect(describeStreaming(BUFFERED)).toBe('headers 3 ms · created 1478 ms · first delta 1480 ms · 12 deltas · largest gap 1475 ms · last of 20 events 1500 ms');
    expect(describeStreaming({ deltaCount: 1, largestGapMs: 0, totalMs: 4, eventCount: 1 })).toBe('1 delta · largest gap 0 ms · last of 1 event 4 ms');
  });

  it('print one line per streamed step under its scenario in verbose mode only', () => {
    const verbose = printRun(runWithStreams(), { verbose: true });
    expect(verbose).toContain(`\n    request streamed: ${describeStreaming(BUFFERED)}\n`);
    expect(verbose).toContain(`\n    turn-1 streamed: ${describeStreaming(STREAMED)}\n`);
    expect(printRun(runWithStreams())).not.toContain('streamed:');
  });

  it('sum up the streams in one line of summary.md', () => {
    const lines = renderMarkdownSummary(runWithStreams()).split('\n');
    expect(lines[4]).toBe('Streams: 3 · first delta median 50 ms, slowest 1480 ms (stream/basic-text) · largest gap 1475 ms (stream/basic-text)');
    expect(renderMarkdownSummary(sampleRun())).not.toContain('Streams:');
  });

  it('show under each streamed step of report.html', () => {
    const html = renderHtmlReport(runWithStreams());
    expect(html).toContain(`<p class="meta">Streamed: ${describeStreaming(BUFFERED)}</p>`);
    expect(html).toContain(`<p class="meta">Streamed: ${describeStreaming(STREAMED)}</p>`);
  });
});

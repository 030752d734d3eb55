/**
 * Streaming quality through the proxy: the traffic passing through is live, so each streamed
 * exchange records how its answer arrived and the buffered-stream rule (SSE-Q-01) judges it: a
 * target that holds its stream and sends it in one burst draws the warning, a paced one passes, and
 * thresholds come from the same flags as a run. Times are asserted by lower bounds only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/fixtures/server.js';
import { BUFFERED_HOLD_MS } from '../../src/fixtures/faults/pace.js';
import type { JsonReport } from '../../src/report/json.js';
import { readReport, reportedChecks } from '../helpers/report.js';
import { startProxy } from './helpers.js';

const CHECK = 'stream/buffered-stream';
const STREAMED = { model: 'reference-model', input: 'Say hello in exactly three words.', stream: true };

/** Sends one streamed request through a proxy to a reference server started with `server`, and reads the report. */
async function throughProxy(server: Parameters<typeof startReferenceServer>[0], flags: string[] = []): Promise<{ report: JsonReport; stdout: string }> {
  const target = await startReferenceServer(server);
  const out = mkdtempSync(join(tmpdir(), 'orc-proxy-quality-'));
  const proxy = await startProxy(['--target', target.url, '--out', out, '--reporter', 'console,json', ...flags]);
  try {
    const answer = await fetch(`${proxy.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(STREAMED) });
    expect(answer.status).toBe(200);
    await answer.text();
  } finally {
    const stopped = await proxy.stop();
    await target.close();
    return { report: readReport(out), stdout: stopped.stdout };
  }
}

describe('streaming quality through the proxy', () => {
  it('warns on a target that holds its stream and sends it in one burst, with the timings', async () => {
    const { report, stdout } = await throughProxy({ fault: 'buffer-stream' });
    const [exchange] = report.scenarios;
    const check = reportedChecks(exchange).get(CHECK);
    expect(check?.status).toBe('warning');
    expect(check?.findings?.[0]?.message).toMatch(/^The answer was buffered, not streamed: first delta at \d+ ms of \d+ ms; \d+ deltas within \d+ ms/);
    expect(stdout).toContain(CHECK);
    const measures = exchange.steps?.[0].streaming;
    expect(measures?.deltaCount).toBeGreaterThanOrEqual(8);
    expect(measures?.timeToFirstDeltaMs).toBeGreaterThanOrEqual(BUFFERED_HOLD_MS);
    expect(measures?.timeToHeadersMs).toBeLessThan(BUFFERED_HOLD_MS);
  }, 60_000);

  it('passes a paced stream, judged on when its chunks came through', async () => {
    const { report } = await throughProxy({ eventIntervalMs: 70 });
    const [exchange] = report.scenarios;
    expect(reportedChecks(exchange).get(CHECK)?.status).toBe('passed');
    const measures = exchange.steps?.[0].streaming;
    expect(measures?.totalMs).toBeGreaterThanOrEqual(1000);
    expect(measures?.largestGapMs).toBeGreaterThanOrEqual(60);
  }, 60_000);

  it('takes the thresholds from the --buffered-* flags', async () => {
    const { report } = await throughProxy({ fault: 'buffer-stream' }, ['--buffered-min-deltas', '100000']);
    const check = reportedChecks(report.scenarios[0]).get(CHECK);
    expect(check?.status).toBe('skipped');
    expect(check?.message).toMatch(/^not judged: too short to tell a stream from a burst \(it takes at least 100000 deltas/);
  }, 60_000);
});

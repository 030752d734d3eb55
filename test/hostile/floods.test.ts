/**
 * Servers that send too much: a 400 MB body, a gzip bomb, endless SSE lines, messages and events.
 * Reading stops at the caps (`--max-body-bytes`, `--max-events`) or the deadline, the finding says
 * which, memory stays bounded while it runs, and the server stops once the client has gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileMode, type HostileOptions, type HostileServer } from '../helpers/hostile-server.js';
import { eventually, expectCheck, failedChecks, measureMemory, runAgainst, summarize, type HostileRun, type MemoryPeak } from './harness.js';

const MiB = 1024 * 1024;
/** Growth of the resident set allowed while a flood is read with the default 32 MiB cap. */
const MAX_RSS_GROWTH_MIB = 150;
const SMALL_CAP = String(MiB);

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the CLI against a fresh server in `mode`, sampling memory; logs the figures for the lead. */
async function flood(mode: HostileMode, scenario: string, extra: string[], options: HostileOptions = {}): Promise<MemoryPeak<HostileRun>> {
  server = await startHostileServer(mode, options);
  const peak = await measureMemory(() => runAgainst(server!.url, scenario, extra));
  console.log(
    `${mode} ${scenario} ${extra.join(' ') || '(default caps)'}: ${summarize(peak.result)}; peak growth rss ${peak.rssMiB} MiB, heap ${peak.heapMiB} MiB, external ${peak.externalMiB} MiB; server wrote ${Math.round(server.stats.bytesWritten / MiB)} MiB`,
  );
  return peak;
}

/** The server noticed the client went away and stopped writing. */
async function expectServerStopped(): Promise<void> {
  const stopped = server!;
  await eventually(() => stopped.stats.openAnswers === 0);
  const written = stopped.stats.bytesWritten;
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stopped.stats.bytesWritten).toBe(written);
}

describe('a 400 MB JSON body', () => {
  it('is cut off at the default 32 MiB cap with memory bounded', async () => {
    const { result: run, rssMiB } = await flood('huge-json-body', 'text-input', []);
    expect(run.code).toBe(1);
    expect(run.wallMs).toBeLessThan(5000);
    expect(expectCheck(run, 'transport/body-too-large')).toMatch(`--max-body-bytes (${32 * MiB} bytes)`);
    expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    await expectServerStopped();
    expect(server!.stats.bytesWritten).toBeLessThan(100 * MiB);
  });

  it('is cut off at --max-body-bytes 1048576, buffering no more than that', async () => {
    const { result: run, rssMiB, externalMiB } = await flood('huge-json-body', 'text-input', ['--max-body-bytes', SMALL_CAP]);
    expect(run.code).toBe(1);
    expect(run.wallMs).toBeLessThan(3000);
    expectCheck(run, 'transport/body-too-large');
    expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    expect(externalMiB).toBeLessThan(16);
    await expectServerStopped();
  });
});

describe('a gzip bomb (small on the wire, 400 MB decoded)', () => {
  for (const extra of [[], ['--max-body-bytes', SMALL_CAP]]) {
    it(`counts decoded bytes against the cap (${extra.join(' ') || 'default caps'})`, async () => {
      const { result: run, rssMiB } = await flood('gzip-bomb', 'text-input', extra);
      expect(run.code).toBe(1);
      expect(run.wallMs).toBeLessThan(5000);
      expectCheck(run, 'transport/body-too-large');
      expectCheck(run, 'transport/content-encoding', 'warning');
      expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    });
  }
});

describe('an SSE message that never ends', () => {
  const shapes: [HostileMode, string][] = [
    ['endless-line', 'one data line without a line feed'],
    ['endless-message', 'data lines without the blank line'],
  ];
  for (const [mode, what] of shapes) {
    for (const extra of [[], ['--max-body-bytes', SMALL_CAP]]) {
      it(`is cut off at the message cap: ${what} (${extra.join(' ') || 'default caps'})`, async () => {
        const { result: run, rssMiB } = await flood(mode, 'text-input-stream', extra);
        expect(run.code).toBe(1);
        expect(run.wallMs).toBeLessThan(5000);
        expect(expectCheck(run, 'transport/body-too-large')).toMatch(/One SSE message grew past --max-body-bytes/);
        expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
        await expectServerStopped();
      });
    }
  }
});

describe('an endless stream of valid events', () => {
  it('ends at the deadline with default caps, memory bounded', async () => {
    const { result: run, rssMiB } = await flood('endless-events', 'text-input-stream', ['--timeout', '3000']);
    expect(run.code).toBe(1);
    expect(run.wallMs).toBeLessThan(3000 + 1500);
    expect(failedChecks(run)).toEqual(['transport/timeout']);
    expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    await expectServerStopped();
  });

  it('is cut off at --max-events', async () => {
    const { result: run, rssMiB } = await flood('endless-events', 'text-input-stream', ['--max-events', '1000']);
    expect(run.code).toBe(1);
    expect(run.wallMs).toBeLessThan(1500);
    expect(expectCheck(run, 'transport/too-many-events')).toMatch(/sent 1000 messages without ending/);
    expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    await expectServerStopped();
  });

  it('keeps memory bounded when every delta is large (64 KiB), not only when each event is', async () => {
    // Every event is far below the per-message cap and the stream is cut by the deadline, yet
    // everything the stream carries must not pile up in memory while it runs.
    const { result: run, rssMiB, heapMiB } = await flood('endless-events', 'text-input-stream', ['--timeout', '3000'], { deltaChars: 64 * 1024 });
    expect(run.code).toBe(1);
    expectCheck(run, 'transport/timeout');
    expect(heapMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    expect(rssMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
  });
});

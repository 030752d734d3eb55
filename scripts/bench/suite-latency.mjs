// The suite's wall time against a server with a fixed latency per answer (`serve --latency`),
// compared with the ideal of schedule.mjs, at several concurrencies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repeat, runNode, spread, startListening } from './child.mjs';
import { idealRounds } from './schedule.mjs';

const KEY = 'bench-key';

/** Whether this checkout's `serve` has --latency (the baseline may predate it). */
export async function serveHasLatency(cli, cwd) {
  return (await runNode([cli, 'serve', '--help'], { cwd })).stdout.includes('--latency');
}

/** Starts `serve --latency` as a child process; resolves with its base URL and a stop function. */
function startServe(cli, cwd, latencyMs) {
  return startListening([cli, 'serve', '--port', '0', '--latency', String(latencyMs), '--api-key', KEY], { cwd, listening: /^listening on (\S+)\n/ });
}

/**
 * Runs the suite against `serve --latency latencyMs` `runs[c]` times at each concurrency c;
 * resolves with, per c: the run's own duration (report.json's durationMs), the process's wall time,
 * the ideal, the requests sent and the worst exit code.
 */
export async function suiteAtLatency({ cli, cwd, latencyMs, runs }) {
  const server = await startServe(cli, cwd, latencyMs);
  try {
    const rows = [];
    for (const [concurrency, times] of runs) {
      const out = join(cwd, `suite-c${concurrency}`);
      const durations = [];
      const ideals = [];
      const measured = await repeat(times, [cli, 'run', '--base-url', server.url, '--model', 'reference-model', '--api-key', KEY, '--concurrency', String(concurrency), '--reporter', 'json', '--out', out], {
        cwd,
        // Each run's report is read before the next one overwrites it.
        after: () => {
          const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
          durations.push(report.durationMs);
          ideals.push(idealRounds(report, concurrency));
        },
      });
      const { rounds, lowerBound, requests } = ideals[0];
      rows.push({ concurrency, runMs: spread(durations), wallMs: measured.ms, idealMs: latencyMs * rounds, rounds, lowerBoundRounds: lowerBound, requests, code: Math.max(...measured.runs.map((r) => r.code)) });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

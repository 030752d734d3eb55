// The suite's wall time against a server with a fixed latency per answer (`serve --latency`),
// compared with the ideal of schedule.mjs, at several concurrencies.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repeat, runNode, spread } from './child.mjs';
import { idealRounds } from './schedule.mjs';

const KEY = 'bench-key';

/** Whether this checkout's `serve` has --latency (the baseline may predate it). */
export async function serveHasLatency(cli, cwd) {
  return (await runNode([cli, 'serve', '--help'], { cwd })).stdout.includes('--latency');
}

/** Starts `serve --latency` as a child process; resolves with its base URL and a stop function. */
async function startServe(cli, cwd, latencyMs) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--latency', String(latencyMs), '--api-key', KEY], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before listening`)));
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const match = /^listening on (\S+)\n/.exec(printed);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'close');
    },
  };
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

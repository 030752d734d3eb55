// Runs a child process and measures it: wall time from spawn to exit, and its own peak RSS, from
// /usr/bin/time -f %M when present, else from getrusage inside the child (peak-rss.cjs, preloaded).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const PRELOAD = new URL('./peak-rss.cjs', import.meta.url).pathname;
const useTime = existsSync(TIME);

/** How peak RSS is measured here, for the report. */
export const PEAK_RSS_SOURCE = useTime ? `${TIME} -f %M` : 'getrusage in the child (scripts/bench/peak-rss.cjs)';

let measured = 0;

/** Runs `node <args>` in `cwd` to its end; resolves with { ms, peakMb (10^6 bytes), code, stdout, stderr }. */
export function runNode(args, { cwd }) {
  const peakFile = join(cwd, `peak-rss-${process.pid}-${measured++}`);
  const [command, argv, env] = useTime
    ? [TIME, ['-f', '%M', '-o', peakFile, process.execPath, ...args], process.env]
    : [process.execPath, ['--require', PRELOAD, ...args], { ...process.env, BENCH_PEAK_RSS_FILE: peakFile }];
  const started = performance.now();
  const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      // With -o, time writes "Command exited with non-zero status N" before the figure.
      const kb = existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8').trim().split('\n').at(-1)) : Number.NaN;
      rmSync(peakFile, { force: true });
      resolve({ ms, peakMb: (kb * 1024) / 1e6, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * Runs the same command `times` times, calling `after` (when given) after each run; resolves with
 * every run and the median, min and max wall time and peak RSS.
 */
export async function repeat(times, args, { cwd, after }) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    runs.push(await runNode(args, { cwd }));
    after?.(runs.at(-1));
  }
  return { runs, ms: spread(runs.map((r) => r.ms)), peakMb: spread(runs.map((r) => r.peakMb)) };
}

/** Median, min and max. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

/**
 * Starts a long-running `node <args>` (a server) and waits for the line that says where it
 * listens; resolves with the URL `listening` captures and a stop function (SIGTERM, then its exit).
 */
export async function startListening(args, { cwd, listening }) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${args.slice(1, 2).join(' ')} exited ${code} before listening`)));
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const match = listening.exec(printed);
      if (match) resolve(match[1]);
    });
  });
  // Whatever it prints later is not read; it must not fill the pipe and stall the server.
  child.stdout.resume();
  return {
    url,
    /** Its peak RSS so far in MB (Linux: VmHWM of /proc/<pid>/status), undefined elsewhere. */
    peakMb: () => {
      const line = existsSync(`/proc/${child.pid}/status`) ? /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8')) : null;
      return line ? (Number(line[1]) * 1024) / 1e6 : undefined;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'close');
    },
  };
}

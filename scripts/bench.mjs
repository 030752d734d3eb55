#!/usr/bin/env node
// Measures the CLI as a user runs it: every figure is a child process `node bin/open-responses-check.js …`
// (the built CLI in dist/), timed from spawn to exit, its peak RSS its own (child.mjs). Prints a
// table with each target's PASS or MISS (a miss is no exit code: this is a measurement, not a
// test) and writes reports/bench.json. Takes about 6 minutes on 2 cores. The proxy's figures are
// the one exception to "every figure a child": the client timing its streams is this process.
//
//   npm run build && npm run bench
//   node scripts/bench.mjs --root <another checkout, built> --out <file>
//
// Memory is in MB of 10^6 bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { largeJson, textStream, textStreamEvents, writeCapture } from './bench/captures.mjs';
import { PEAK_RSS_SOURCE, repeat, runNode } from './bench/child.mjs';
import { LARGE_JSON_BYTES, startHostileServer } from './bench/hostile-server.mjs';
import { proxyLatency, proxyThroughput } from './bench/proxy-latency.mjs';
import { serveHasLatency, suiteAtLatency } from './bench/suite-latency.mjs';
import { renderTable } from './bench/table.mjs';

const SHORT_RUNS = 5;
const LONG_RUNS = 3;
/** The 1M stream's validate takes about 20 s a run; two keep the bench near its 6 minutes. */
const LONGEST_RUNS = 2;
const STREAM_DELTAS = [200_000, 1_000_000];
/** The CLI's default --max-events, which would cut the 1M stream; it is raised for that one. */
const DEFAULT_MAX_EVENTS = 1_000_000;
const RAISED_MAX_EVENTS = '2000000';
/** Long enough that a run's time is the latency's (a request costs a few ms), short enough for the bench's budget. */
const LATENCY_MS = 200;
/** [concurrency, runs]: the judged concurrency gets several runs, the slow c = 1 one. */
const SUITE_RUNS = [[1, 1], [4, 1], [8, LONG_RUNS]];
/** Streamed requests each way, through the proxy and directly. */
const PROXY_REQUESTS = 30;
/** The large stream sent through the proxy as fast as the loopback takes it. */
const PROXY_STREAM_DELTAS = 100_000;
const TARGET = { ratio: 2.0, validateMb: 120, hostileMb: 150, helpOverNodeMs: 50, suiteOverIdeal: 1.2, suiteConcurrency: 8 };

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' } } });
const root = resolve(flags.root ?? here);
const outFile = resolve(flags.out ?? join(here, 'reports', 'bench.json'));
const cli = join(root, 'bin', 'open-responses-check.js');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error(`bench: ${join(root, 'dist')} is missing; run \`npm run build\` in ${root} first`);
  process.exit(1);
}

const figures = [];
const verdict = (pass) => (pass ? 'PASS' : 'MISS');
/** A wall time's median and spread in seconds, for a figure whose value is a rate. */
const seconds = ({ median, min, max, n }) => `${(median / 1000).toFixed(2)} s, median of ${n} (${(min / 1000).toFixed(2)}–${(max / 1000).toFixed(2)} s)`;
const progress = (what) => process.stderr.write(`bench: ${what}\n`);
/** Two decimals are more than any figure here can tell apart. */
const round = (value) => (typeof value === 'number' ? Math.round(value * 100) / 100 : value);
function figure(name, value, unit, { spread, ...extra } = {}) {
  const rounded = spread && Object.fromEntries(Object.entries(spread).map(([key, v]) => [key, round(v)]));
  figures.push({ name, value: round(value), unit, ...(rounded ? { spread: rounded } : {}), ...extra });
}

/** Runs the CLI's validate on a capture `times` times and reads the last run's report. */
async function validate(capture, times, extraArgs, cwd) {
  const out = join(cwd, 'validate');
  const measured = await repeat(times, [cli, 'validate', capture, '--reporter', 'json', '--out', out, ...extraArgs], { cwd });
  return { ...measured, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

async function startup(cwd) {
  progress('startup: node -e 0, --help, list, a tiny validate');
  const node = await repeat(SHORT_RUNS, ['-e', '0'], { cwd });
  const help = await repeat(SHORT_RUNS, [cli, '--help'], { cwd });
  const list = await repeat(SHORT_RUNS, [cli, 'list'], { cwd });
  const tiny = join(cwd, 'tiny.sse');
  await writeCapture(tiny, textStream(10));
  const small = await validate(tiny, SHORT_RUNS, [], cwd);
  figure('node -e 0', node.ms.median, 'ms', { spread: node.ms });
  const over = help.ms.median - node.ms.median;
  figure('--help', help.ms.median, 'ms', { spread: help.ms, note: `${Math.round(over)} ms over node -e 0`, target: `≤ node -e 0 + ${TARGET.helpOverNodeMs} ms`, verdict: verdict(over <= TARGET.helpOverNodeMs) });
  figure('list', list.ms.median, 'ms', { spread: list.ms });
  figure('validate, a 10-delta stream', small.ms.median, 'ms', { spread: small.ms, note: small.runs.every((r) => r.code === 0) ? undefined : 'exit code not 0' });
}

async function selfTest(cwd) {
  progress('self-test');
  const runs = await repeat(LONG_RUNS, [cli, 'self-test', '--out', join(cwd, 'self-test')], { cwd });
  figure('self-test (whole suite, embedded server)', runs.ms.median, 'ms', { spread: runs.ms, note: runs.runs.every((r) => r.code === 0) ? undefined : 'exit code not 0' });
}

async function streams(cwd) {
  for (const deltas of STREAM_DELTAS) {
    const label = deltas >= 1e6 ? `${deltas / 1e6}M` : `${deltas / 1e3}k`;
    const events = textStreamEvents(deltas);
    const raised = events >= DEFAULT_MAX_EVENTS;
    const runs = raised ? LONGEST_RUNS : LONG_RUNS;
    progress(`the ${label}-delta stream: writing it, then the bare parse pass (${LONG_RUNS} runs) and validate (${runs})`);
    const capture = join(cwd, `stream-${label}.sse`);
    await writeCapture(capture, textStream(deltas));
    const parse = await repeat(LONG_RUNS, [join(here, 'scripts', 'bench', 'parse-pass.mjs'), capture], { cwd });
    if (parse.runs.some((r) => Number(r.stdout) !== events)) throw new Error(`the bare parse pass counted ${parse.runs[0].stdout.trim()} events, not ${events}`);
    const checked = await validate(capture, runs, raised ? ['--max-events', RAISED_MAX_EVENTS] : [], cwd);
    const { summary } = checked.report;
    if (checked.runs.some((r) => r.code !== 0) || summary.failed + summary.error + summary.warning > 0) {
      throw new Error(`validate did not pass the generated ${label} stream (exit ${checked.runs.map((r) => r.code).join(', ')}); the bench's capture is wrong`);
    }
    rmSync(capture);
    const ratio = checked.ms.median / parse.ms.median;
    figure(`validate, ${label}-delta stream`, events / (checked.ms.median / 1000), 'events/s', { note: `${seconds(checked.ms)}${raised ? `, --max-events ${RAISED_MAX_EVENTS}` : ''}` });
    figure(`bare parse pass, ${label}-delta stream`, events / (parse.ms.median / 1000), 'events/s', { note: `${seconds(parse.ms)}; peak RSS ${parse.peakMb.max.toFixed(0)} MB` });
    figure(`validate ÷ bare parse, ${label}`, ratio, '×', { target: `≤ ${TARGET.ratio}×`, verdict: verdict(ratio <= TARGET.ratio) });
    figure(`validate peak RSS, ${label}-delta stream`, checked.peakMb.max, 'MB', { note: `the largest of ${checked.peakMb.n}`, ...(raised ? { target: `≤ ${TARGET.validateMb} MB`, verdict: verdict(checked.peakMb.max <= TARGET.validateMb) } : {}) });
  }
}

async function largeBody(cwd) {
  progress('a 400 MiB JSON body: writing it, then validate with the default --max-body-bytes');
  const capture = join(cwd, 'large.json');
  await writeCapture(capture, largeJson(LARGE_JSON_BYTES));
  const checked = await validate(capture, LONG_RUNS, [], cwd);
  rmSync(capture);
  const peak = checked.peakMb.max;
  figure('validate peak RSS, 400 MiB JSON body (capped)', peak, 'MB', { note: `the largest of ${LONG_RUNS}; ${Math.round(checked.ms.median)} ms median; ${transportProblems(checked.report)}`, target: `≤ ${TARGET.validateMb} MB`, verdict: verdict(peak <= TARGET.validateMb) });
}

async function suite(cwd) {
  const targetNote = `≤ ${TARGET.suiteOverIdeal}× ideal`;
  if (!(await serveHasLatency(cli, cwd))) {
    for (const [c] of SUITE_RUNS) figure(`suite at ${LATENCY_MS} ms latency, concurrency ${c}`, null, '×', { note: 'this checkout has no serve --latency', ...(c === TARGET.suiteConcurrency ? { target: targetNote, verdict: 'n/a' } : {}) });
    return;
  }
  progress(`the suite against serve --latency ${LATENCY_MS} at concurrency ${SUITE_RUNS.map(([c]) => c).join(', ')}`);
  for (const row of await suiteAtLatency({ cli, cwd, latencyMs: LATENCY_MS, runs: SUITE_RUNS })) {
    const ratio = row.runMs.median / row.idealMs;
    const judged = row.concurrency === TARGET.suiteConcurrency ? { target: targetNote, verdict: verdict(ratio <= TARGET.suiteOverIdeal) } : {};
    const runs = row.runMs.n > 1 ? `median of ${row.runMs.n}, ` : '';
    figure(`suite at ${LATENCY_MS} ms latency, concurrency ${row.concurrency}: run ÷ ideal`, ratio, '×', {
      note: `${runs}run ${(row.runMs.median / 1000).toFixed(2)} s, process ${(row.wallMs.median / 1000).toFixed(2)} s, ideal ${(row.idealMs / 1000).toFixed(1)} s = ${row.rounds} rounds of ${row.requests} requests (lower bound ${row.lowerBoundRounds})${row.code === 0 ? '' : `; exit ${row.code}`}`,
      ...judged,
    });
  }
}

async function proxy(cwd) {
  if (!(await runNode([cli, '--help'], { cwd })).stdout.includes('proxy')) {
    figure('proxy: added time to first byte, streamed response', null, 'ms', { note: 'this checkout has no proxy command' });
    return;
  }
  progress(`the proxy: ${PROXY_REQUESTS} streamed responses through it and ${PROXY_REQUESTS} directly, against serve`);
  const measured = await proxyLatency({ cli, cwd, requests: PROXY_REQUESTS });
  for (const [key, what] of [['firstByte', 'time to first byte'], ['total', 'whole stream']]) {
    const { direct, proxied } = measured[key];
    figure(`proxy: added ${what}, streamed response`, proxied.median - direct.median, 'ms', {
      note: `through the proxy ${proxied.median.toFixed(1)} ms (${proxied.min.toFixed(1)}–${proxied.max.toFixed(1)}), direct ${direct.median.toFixed(1)} ms (${direct.min.toFixed(1)}–${direct.max.toFixed(1)}); medians of ${proxied.n}, ${measured.bytes} bytes a stream`,
    });
  }
  progress(`the proxy: a ${PROXY_STREAM_DELTAS / 1000}k-delta stream as fast as the loopback takes it, ${LONG_RUNS} runs each way`);
  const fast = await proxyThroughput({ cli, cwd, deltas: PROXY_STREAM_DELTAS, runs: LONG_RUNS });
  figure(`proxy: ${PROXY_STREAM_DELTAS / 1000}k-delta stream at loopback speed, through ÷ direct`, fast.proxied.median / fast.direct.median, '×', {
    note: `through the proxy ${seconds(fast.proxied)}, ${Math.round(fast.events / (fast.proxied.median / 1000)).toLocaleString('en-US')} events/s; direct ${seconds(fast.direct)}; ${(fast.bytes / 1e6).toFixed(1)} MB`,
  });
  figure(`proxy peak RSS, after ${LONG_RUNS} ${PROXY_STREAM_DELTAS / 1000}k-delta streams at loopback speed`, fast.proxyPeakMb ?? null, 'MB', { note: fast.proxyPeakMb === undefined ? 'no /proc on this platform' : `${(fast.bytes / 1e6).toFixed(1)} MB a stream` });
}

async function hostile(cwd) {
  for (const kind of ['endless-stream', 'large-json']) {
    progress(`a whole run against a server that answers with ${kind === 'endless-stream' ? 'an endless stream' : 'a 400 MiB JSON body'} (default flags)`);
    const server = await startHostileServer(kind);
    try {
      const out = join(cwd, kind);
      const run = await runNode([cli, 'run', '--base-url', server.url, '--model', 'reference-model', '--out', out], { cwd });
      const report = existsSync(join(out, 'report.json')) ? JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) : undefined;
      const ended = report ? transportProblems(report) : 'no report';
      figure(`whole run peak RSS, server sending ${kind === 'endless-stream' ? 'endless streams' : '400 MiB JSON bodies'}`, run.peakMb, 'MB', { note: `1 run, ${(run.ms / 1000).toFixed(0)} s, exit ${run.code}; ${ended}`, target: `≤ ${TARGET.hostileMb} MB`, verdict: verdict(run.peakMb <= TARGET.hostileMb) });
    } finally {
      await server.close();
    }
  }
}

/** How the reads were cut off: the report's transport problems and how often each occurred, e.g. `transport/timeout ×5`. */
function transportProblems(report) {
  const cut = report.digest.filter((problem) => problem.checkId.startsWith('transport/'));
  return cut.length === 0 ? 'no transport problem' : cut.map((problem) => `${problem.checkId} ×${problem.count}`).join(', ');
}

function commitOf(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// Other work on the machine slows every figure: the 1-minute load average before and after says how much there was.
const loadBefore = loadavg()[0];
const cwd = mkdtempSync(join(tmpdir(), 'orc-bench-'));
try {
  await startup(cwd);
  await selfTest(cwd);
  await streams(cwd);
  await largeBody(cwd);
  await suite(cwd);
  await proxy(cwd);
  await hostile(cwd);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model, totalmem: totalmem(), platform: platform() };
const load = { before: loadBefore, after: loadavg()[0] };
const result = { machine, node: process.version, date: new Date().toISOString(), root, commit: commitOf(root), load, peakRss: PEAK_RSS_SOURCE, figures };
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`${machine.cpus} × ${machine.model}, ${(machine.totalmem / 1e9).toFixed(1)} GB, ${machine.platform}, Node ${process.version}; ${root}${result.commit ? ` at ${result.commit}` : ''}`);
console.log(`load average (1 min) ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after; peak RSS: ${PEAK_RSS_SOURCE}; MB = 10^6 bytes\n`);
console.log(renderTable(figures));
console.log(`\nwritten: ${outFile}`);

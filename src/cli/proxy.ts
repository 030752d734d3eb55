import { ConfigurationError } from '../core/errors.js';
import { startProxyServer } from '../proxy/server.js';
import { createProxySession } from '../proxy/session.js';
import { writeReports } from '../report/write.js';
import { displayUrl } from '../runner/redaction.js';
import { exitCodeFor } from './exit-code.js';
import { pacingFromFlags, type PacingFlags, type SuiteFlags } from './options.js';
import { parseReporters, prepareOutputs, STDOUT_OUT } from './outputs.js';
import type { SuiteIo } from './suite.js';

export type ProxyFlags = Pick<SuiteFlags, 'specVersion' | 'spec' | 'out' | 'reporter' | 'strict' | 'maxBodyBytes' | 'maxEvents' | 'verbose' | 'quiet'> & PacingFlags & {
  target: string;
  port: number;
  record?: string;
  reportEvery?: number;
};

/** How long open exchanges may go on after Ctrl-C before they are cut. */
const STOP_GRACE_MS = 2_000;

/**
 * `proxy --target <url>`: forwards everything to the target and judges each /responses exchange as
 * it passes; on stop (`until` resolves: Ctrl-C) writes the reports and returns the exit code of a
 * run (0 no failure, 1 a failure, 3 the target did not answer an exchange).
 */
export async function proxyCommand(flags: ProxyFlags, io: SuiteIo, until: () => Promise<void>): Promise<number> {
  const target = parseTarget(flags.target);
  if (flags.reportEvery !== undefined && flags.out === STDOUT_OUT) throw new ConfigurationError('--report-every writes report files again and again, so it needs a folder for --out, not "-"');
  const outputs = await prepareOutputs(flags, io);
  const console = flags.out === STDOUT_OUT ? io.stderr : io.stdout;
  const log = (line: string) => console.write(`${line}\n`);
  const reporters = parseReporters(flags.reporter);
  const session = createProxySession({
    target,
    judging: {
      specVersion: flags.specVersion,
      specFile: flags.spec,
      maxBodyBytes: flags.maxBodyBytes,
      maxEvents: flags.maxEvents,
      strict: flags.strict ?? false,
      pacing: pacingFromFlags(flags),
    },
    record: flags.record,
    onEvent: outputs.onEvent,
    log,
    reportEvery: flags.reportEvery,
    onReport: async (run) => {
      const written = await writeReports(run, { outDir: flags.out, reporters });
      if (written.length > 0) log(`proxy: reports updated after ${run.scenarios.length} exchanges (${flags.out})`);
    },
  });
  const server = await startProxyServer({ target, port: flags.port, maxBodyBytes: flags.maxBodyBytes, onExchange: (exchange) => session.judge(exchange), log }).catch((err: NodeJS.ErrnoException) => {
    throw new ConfigurationError(`cannot listen on 127.0.0.1:${flags.port} (${err.code ?? err.message})`);
  });
  log(`proxy listening on ${server.url} → ${displayUrl(target.toString())}`);
  await until();
  log('proxy: stopping; no new connections are accepted');
  const cut = await server.close(STOP_GRACE_MS);
  if (cut > 0) log(`proxy: ${cut} open exchange${cut === 1 ? ' was' : 's were'} cut after ${STOP_GRACE_MS} ms; reported as not judged`);
  await session.settled();
  const run = session.run();
  outputs.onEvent?.({ type: 'run-finished', result: run });
  await outputs.finish(run);
  return exitCodeFor(run);
}

/** The target as a URL: http or https, the API root (its path is the prefix, `/v1` when it has none). */
export function parseTarget(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`--target must be the target's API root as an http:// or https:// URL, e.g. http://localhost:8000/v1, got "${displayUrl(value)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigurationError(`--target must be an http:// or https:// URL, got "${displayUrl(value)}"`);
  if (url.username !== '' || url.password !== '') throw new ConfigurationError('--target must not carry credentials in the URL; the clients send their own headers through the proxy');
  return url;
}

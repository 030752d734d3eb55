import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** A `proxy` command running in-process, its console captured. */
export interface RunningProxy {
  /** The proxy's root, e.g. http://127.0.0.1:PORT (clients add /v1). */
  url: string;
  /** The console so far. */
  output(): string;
  /** Ctrl-C: resolves with the exit code once the reports are written. */
  stop(): Promise<{ code: number; stdout: string; stderr: string }>;
}

const LISTENING = /proxy listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Starts `open-responses-check proxy …args` and waits for its listening line. */
export async function startProxy(args: string[]): Promise<RunningProxy> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  let stopNow: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stopNow = resolve));
  const exited = main(['proxy', ...args], { stdout, stderr, color: false, env: {}, untilStopped: () => stopped });
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = LISTENING.exec(out);
      if (match) resolve(match[1]);
    };
    stdout.on('data', look);
    void exited.then((code) => reject(new Error(`the proxy exited with ${code} before listening: ${err}${out}`)));
  });
  return {
    url,
    output: () => out,
    stop: async () => {
      stopNow();
      const code = await exited;
      return { code, stdout: out, stderr: err };
    },
  };
}

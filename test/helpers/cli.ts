import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output and colours off. The environment is only what the
 * test passes (never the host's, so a run on GitHub Actions tests the same thing as anywhere else).
 */
export async function runCli(args: string[], options: { untilStopped?: () => Promise<void>; env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(args, { stdout, stderr, color: false, env: options.env ?? {}, untilStopped: options.untilStopped, cwd: options.cwd });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

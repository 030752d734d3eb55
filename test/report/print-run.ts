import { Writable } from 'node:stream';
import { createConsoleReporter, type ConsoleReporterOptions } from '../../src/report/console.js';
import type { RunResult } from '../../src/runner/result.js';

/** A console reporter writing into a string, for tests. */
export function capturedConsole(options: Omit<ConsoleReporterOptions, 'stream' | 'color'> & { color?: boolean } = {}) {
  let output = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  const reporter = createConsoleReporter({ ...options, stream, color: options.color ?? false });
  return { reporter, output: () => output };
}

/** Runs the console reporter over a whole run and returns everything it printed. */
export function printRun(run: RunResult, options: Omit<ConsoleReporterOptions, 'stream' | 'color'> & { color?: boolean } = {}): string {
  const { reporter, output } = capturedConsole(options);
  for (const result of run.scenarios) reporter.onEvent({ type: 'scenario-finished', result });
  reporter.onEvent({ type: 'run-finished', result: run });
  return output();
}

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('--help', () => {
  it('the top-level help shows the options of run and two examples', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Options of run (the default command):');
    for (const flag of ['--base-url <url>', '--model <id>', '--only <list>', '--baseline <file>', '--config <file>']) expect(run.stdout).toContain(flag);
    const examples = run.stdout.slice(run.stdout.indexOf('Examples:')).trim().split('\n').slice(1);
    expect(examples).toHaveLength(2);
    expect(examples[0]).toMatch(/^ {2}open-responses-check --base-url http:\/\/localhost:8000\/v1 --model my-model/);
    expect(examples[1]).toMatch(/^ {2}open-responses-check self-test --fault \S+/);
  });

  it('a command help does not repeat them', async () => {
    const run = await runCli(['serve', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Options of run');
    expect(run.stdout).not.toContain('Examples:');
  });
});

describe('a mistyped command', () => {
  it('is named, with the nearest command, in one line (exit 2)', async () => {
    const run = await runCli(['selftest']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('open-responses-check: unknown command "selftest"; did you mean self-test? (the commands are run, self-test, serve, proxy, validate, list, explain, compare)\n');
  });
});

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/fixtures/server.js';
import { curlCommand, headerVariable, shellQuote } from '../../src/report/reproduce.js';
import { PassThrough } from 'node:stream';
import { createConsoleReporter } from '../../src/report/console.js';
import type { RunResult, RunTarget, ScenarioResult, StepRecord } from '../../src/runner/result.js';
import { check } from './fixtures.js';
import { runCli } from '../helpers/cli.js';

const KEY = 'repro-key-0123456789abcdef';

const step = (body: Record<string, unknown>, extra: Partial<StepRecord['request']> = {}): StepRecord => ({
  name: 'request',
  request: { method: 'POST', path: '/responses', body, stream: false, ...extra },
});

/** The words a POSIX shell makes of `command` (with `curl` swapped for printf), under `env`. */
function shellWords(command: string, env: Record<string, string> = {}): string[] {
  expect(command.startsWith('curl ')).toBe(true);
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${command.slice('curl '.length)}`], { env: { PATH: process.env.PATH ?? '', ...env } });
  return out.toString('utf8').split('\0').slice(0, -1);
}

describe('curlCommand', () => {
  const target: RunTarget = { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm', authHeader: 'Authorization', bearer: true };

  it('sends the same body and reads the key from $OPENRESPONSES_API_KEY, quoted for a POSIX shell', () => {
    const body = { model: 'm', input: `it's $HOME \`id\` "q" \\ ;|&`, stream: false };
    const command = curlCommand(target, step(body));
    expect(command).not.toContain(KEY);
    expect(shellWords(command, { OPENRESPONSES_API_KEY: KEY, HOME: '/nowhere' })).toEqual([
      '-sS',
      '-N',
      'http://127.0.0.1:8000/v1/responses',
      '-H',
      `Authorization: Bearer ${KEY}`,
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify(body),
    ]);
  });

  it('sends a bare key with --no-bearer, in the named header, and extra headers (secret ones from a variable)', () => {
    const custom: RunTarget = { ...target, authHeader: 'X-Api-Key', bearer: false, headers: [{ name: 'x-trace', value: "a'b" }, { name: 'x-session-token' }] };
    const words = shellWords(curlCommand(custom, step({ model: 'm' })), { OPENRESPONSES_API_KEY: KEY, [headerVariable('x-session-token')]: 'tok' });
    expect(words).toEqual(expect.arrayContaining([`X-Api-Key: ${KEY}`, "x-trace: a'b", 'x-session-token: tok']));
    expect(headerVariable('x-session-token')).toBe('OPENRESPONSES_HEADER_X_SESSION_TOKEN');
  });

  it('leaves the key out where the step left it out, and when no key was sent', () => {
    expect(curlCommand(target, step({ model: 'm' }, { withoutCredentials: true }))).not.toContain('OPENRESPONSES_API_KEY');
    expect(curlCommand({ baseUrl: target.baseUrl, model: 'm' }, step({ model: 'm' }))).not.toContain('Authorization');
  });

  it('quotes any text as one word', () => {
    for (const text of ["'", "''", "a'b'c", '', '$(x)', '\\']) expect(shellWords(`curl ${shellQuote(text)}`)).toEqual([text]);
  });
});

describe('the reproduction of a failure', () => {
  it('is shown once per failing step, written to report.json, and run through sh it reproduces the failure', async () => {
    const hasCurl = (() => {
      try {
        execFileSync('sh', ['-c', 'command -v curl']);
        return true;
      } catch {
        return false;
      }
    })();
    const server = await startReferenceServer({ apiKey: KEY, fault: 'tool-choice-required-ignored' });
    const out = mkdtempSync(join(tmpdir(), 'orc-repro-'));
    try {
      const cli = await runCli(['run', '--base-url', server.url, '--model', 'reference-model', '--api-key', KEY, '--only', 'function-call,text-input', '--reporter', 'console,json', '--out', out]);
      expect(cli.code).toBe(1);
      const reproduceLines = cli.stdout.split('\n').filter((line) => line.includes('reproduce: curl'));
      expect(reproduceLines).toHaveLength(1);
      expect(cli.stdout + readFileSync(join(out, 'report.json'), 'utf8')).not.toContain(KEY);

      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      expect(report.target).toMatchObject({ authHeader: 'Authorization', bearer: true });
      const failing = report.scenarios.find((s) => s.id === 'function-call')!;
      const passing = report.scenarios.find((s) => s.id === 'text-input')!;
      expect(passing.status).toBe('passed');
      expect(passing.steps!.every((s) => s.curl === undefined)).toBe(true);
      const command = failing.steps![0].curl!;
      expect(reproduceLines[0].trim()).toBe(`reproduce: ${command}`);

      if (!hasCurl) {
        // No curl on this machine: the command's words are checked instead of sending it.
        expect(shellWords(command, { OPENRESPONSES_API_KEY: KEY })).toContain(`Authorization: Bearer ${KEY}`);
        return;
      }
      // Asynchronously: the server answers from this process.
      const send = async (env: Record<string, string>) => (await promisify(execFile)('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 })).stdout;
      const answer = JSON.parse(await send({ OPENRESPONSES_API_KEY: KEY })) as { status: string; output: { type: string }[] };
      // The failure again: the request asks for tool_choice "required", the answer calls no tool.
      expect(failing.steps![0].request.body.tool_choice).toBe('required');
      expect(answer.status).toBe('completed');
      expect(answer.output.some((item) => item.type === 'function_call')).toBe(false);
      // Without the variable the key is not there: the server refuses.
      expect(JSON.parse(await send({}))).toHaveProperty('error');
    } finally {
      await server.close();
    }
  });
});

describe('the console reproduction line', () => {
  it('comes once per failing step of a multi-step scenario, under its first failing check, and never for a passing step', () => {
    const turn = (name: string): StepRecord => ({ ...step({ model: 'm', input: name }), name, curl: `curl ${name}` });
    const scenario: ScenarioResult = {
      id: 'round-trip',
      title: 'two turns',
      tags: [],
      status: 'failed',
      durationMs: 1,
      steps: [turn('turn-1'), turn('turn-2'), turn('turn-3')],
      checks: [
        check({ id: 'http/status-ok', status: 'passed', step: 'turn-1' }),
        check({ id: 'a/first', status: 'failed', step: 'turn-2', findings: [] }),
        check({ id: 'a/second', status: 'warning', step: 'turn-2', findings: [] }),
        check({ id: 'a/third', status: 'failed', step: 'turn-3', findings: [] }),
      ],
    };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    createConsoleReporter({ stream: out, color: false }).onEvent({ type: 'scenario-finished', result: scenario });
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    const reproduce = lines.filter((line) => line.includes('reproduce:')).map((line) => line.trim());
    expect(reproduce).toEqual(['reproduce: curl turn-2', 'reproduce: curl turn-3']);
    expect(lines.findIndex((l) => l.includes('reproduce: curl turn-2'))).toBeGreaterThan(lines.findIndex((l) => l.includes('a/first')));
    expect(lines.findIndex((l) => l.includes('reproduce: curl turn-2'))).toBeLessThan(lines.findIndex((l) => l.includes('a/second')));
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { required: boolean; default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((step) => step.id === 'run');

/** The run step's script as the runner would execute it, with the action's path filled in. */
function runScript(): string {
  if (runStep?.run === undefined) throw new Error('action.yml has no step with id "run"');
  return runStep.run.replaceAll('${{ github.action_path }}', ROOT);
}

/** The run step's environment with each `${{ inputs.x }}` replaced by the given input (or its default). */
function stepEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(runStep?.env ?? {})) {
    env[name] = value.replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_m, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '');
  }
  return env;
}

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ apiKey: 'action-key-0123456789', fault: 'no-done-sentinel' });
});
afterAll(() => server.close());

describe('the GitHub Action', () => {
  it('is a composite action that installs and builds from its own checkout and uploads the reports', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((s) => s.run?.includes('npm ci'))).toBe(true);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(action.inputs['base-url'].required).toBe(true);
    expect(action.inputs.model.required).toBe(true);
  });

  it('maps every input to the run step, and every flag it builds is one the CLI accepts', async () => {
    for (const input of Object.keys(action.inputs)) expect(JSON.stringify(runStep?.env), input).toContain(`inputs.${input}`);
    const help = (await runCli(['run', '--help'])).stdout;
    for (const flag of new Set(runScript().match(/--[a-z][a-z-]+/g))) expect(help, flag).toContain(flag);
  });

  it('passes the key in the environment only, and a run against a server gates on its exit code', async () => {
    expect(runScript()).not.toContain('inputs.api-key');
    const out = mkdtempSync(join(tmpdir(), 'orc-action-'));
    const githubOutput = join(out, 'github-output');
    const env = {
      ...stepEnv({ 'base-url': server.url, model: 'reference-model', 'api-key': 'action-key-0123456789', reporters: 'console,json', out, args: '--only text-input-stream,text-input' }),
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: githubOutput,
    };
    const result = await run('bash', ['-eo', 'pipefail', '-c', runScript()], { env });
    expect(result.stdout).not.toContain('action-key-0123456789');
    expect(readFileSync(githubOutput, 'utf8')).toBe('exit-code=1\n');
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });
});

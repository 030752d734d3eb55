import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import type { RunResult } from '../../src/runner/result.js';
import { runCli } from '../helpers/cli.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());
afterEach(() => {
  delete process.env.OPENRESPONSES_MODEL;
  delete process.env.OPENRESPONSES_BASE_URL;
});

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orc-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs `run` in `cwd` with one quick scenario and returns the report it wrote. */
async function runIn(cwd: string, args: string[]): Promise<{ code: number; stderr: string; report?: RunResult }> {
  const out = join(cwd, 'reports');
  const run = await runCli(['run', '--only', 'text-input', '--reporter', 'json', '--out', out, ...args], { cwd });
  if (run.code === 2) return run;
  return { ...run, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult };
}

describe('config file', () => {
  it('is found in the current folder and supplies the settings', async () => {
    const cwd = folderWith({ 'open-responses-check.config.json': JSON.stringify({ baseUrl: server.url, model: 'from-file', timeout: 5000 }) });
    const run = await runIn(cwd, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.target).toEqual({ baseUrl: server.url, model: 'from-file' });
  });

  it('is overridden by flags, and overrides the environment', async () => {
    const cwd = folderWith({ 'open-responses-check.config.yaml': `baseUrl: ${server.url}\nmodel: from-file\n` });
    process.env.OPENRESPONSES_MODEL = 'from-env';
    expect((await runIn(cwd, [])).report?.target.model).toBe('from-file');
    expect((await runIn(cwd, ['--model', 'from-flag'])).report?.target.model).toBe('from-flag');
    const empty = folderWith({});
    expect((await runIn(empty, ['--base-url', server.url])).report?.target.model).toBe('from-env');
  });

  it('is read from --config, and a key for another command is ignored', async () => {
    const file = join(folderWith({ 'mine.yml': `model: from-config\nfault: [http-status-201]\nstrict: true\n` }), 'mine.yml');
    const run = await runIn(folderWith({}), ['--config', file, '--base-url', server.url]);
    expect(run.code).toBe(0);
    expect(run.report?.target.model).toBe('from-config');
    expect(run.report?.strict).toBe(true);
  });

  it('takes the comma-separated settings as lists too', async () => {
    const cwd = folderWith({ 'open-responses-check.config.yaml': `baseUrl: ${server.url}\nmodel: m\nskip: [error-path, text-input-stream]\n` });
    const run = await runCli(['run', '--only', 'text-input,text-input-stream', '--reporter', 'json', '--out', join(cwd, 'reports')], { cwd });
    expect(run.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'report.json'), 'utf8')) as RunResult;
    expect(report.scenarios.map((s) => s.id)).toEqual(['text-input']);
  });

  it('gives self-test its list settings, such as faults', async () => {
    const cwd = folderWith({ 'open-responses-check.config.json': JSON.stringify({ fault: ['http-status-201'], only: 'text-input', reporter: 'console' }) });
    const run = await runCli(['self-test'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('http/status-ok');
  });

  const refused: [string, Record<string, string>, string[], RegExp][] = [
    ['an unknown key, suggesting the nearest', { 'open-responses-check.config.json': '{"modle": "m"}' }, [], /config file .*open-responses-check\.config\.json: "modle" is not a setting; did you mean model\?/],
    ['a number where a string goes', { 'open-responses-check.config.json': '{"model": 5}' }, [], /"model" is invalid: must be a string/],
    ['a string where a boolean goes', { 'open-responses-check.config.json': '{"strict": "yes"}' }, [], /"strict" is invalid: must be true or false/],
    ['a bad number', { 'open-responses-check.config.json': '{"timeout": 0}' }, [], /"timeout" is invalid: --timeout must be a positive whole number/],
    ['a header that is not a list', { 'open-responses-check.config.json': '{"header": "X-A: b"}' }, [], /"header" is invalid: must be a list of strings/],
    ['the API key', { 'open-responses-check.config.yaml': 'apiKey: sk-in-a-file-123\n' }, [], /"apiKey" is not allowed in a config file; the key comes from --api-key or OPENRESPONSES_API_KEY/],
    ['a secret-looking header', { 'open-responses-check.config.yaml': 'header: ["X-Api-Key: sk-in-a-file-123"]\n' }, [], /"header" holds a secret-looking header.*the key comes from --api-key or OPENRESPONSES_API_KEY/],
    ['a file that is not YAML', { 'open-responses-check.config.yml': 'model: [oops\n' }, [], /open-responses-check\.config\.yml: not valid YAML/],
    ['a list at the top', { 'open-responses-check.config.json': '[1]' }, [], /expected an object of settings/],
    ['two config files', { 'open-responses-check.config.json': '{}', 'open-responses-check.config.yaml': '{}' }, [], /several config files in .*keep one, or choose with --config/],
    ['a missing --config file', {}, ['--config', 'nowhere.json'], /config file .*nowhere\.json: cannot read it \(ENOENT\)/],
    ['a --config file of another kind', { 'settings.toml': 'model = "m"' }, ['--config', 'settings.toml'], /config file .*settings\.toml: the file name must end in \.json, \.yaml or \.yml/],
  ];
  for (const [what, files, args, message] of refused) {
    it(`refuses ${what} with exit 2 and one line`, async () => {
      const cwd = folderWith(files);
      const run = await runCli(['self-test', '--reporter', 'console', ...args], { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('sk-in-a-file-123');
    });
  }
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';

describe('serve', () => {
  it('prints its URL, rejects requests without the key, answers with it, and stops', async () => {
    const stdout = new PassThrough();
    const firstLine = new Promise<string>((resolve) => stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const serving = main(['serve', '--port', '0', '--api-key', 'sk-serve-test-123'], { stdout, stderr: new PassThrough(), color: false, untilStopped: () => stopped });

    const line = await firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/v1\n$/);
    const url = line.replace('listening on ', '').trim();
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model: 'm', input: 'hi' }) });

    const refused = await post({});
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).not.toContain('sk-serve-test-123');
    const answered = await post({ authorization: 'Bearer sk-serve-test-123' });
    expect(answered.status).toBe(200);
    expect((await answered.json()).object).toBe('response');

    stop();
    expect(await serving).toBe(0);
  });

  it('says on a second line which faults it runs and that it wants a key', async () => {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const serving = main(['serve', '--port', '0', '--api-key', 'k-0123456789', '--fault', 'no-done-sentinel', '--fault', 'sse-id-field'], {
      stdout,
      stderr: new PassThrough(),
      color: false,
      untilStopped: async () => undefined,
    });
    expect(await serving).toBe(0);
    const lines = printed.split('\n');
    expect(lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(lines[1]).toBe('faults: no-done-sentinel, sse-id-field · requests must carry the key in Authorization (Bearer)');
    expect(printed).not.toContain('k-0123456789');
  });

  it('lists its faults', async () => {
    const run = await runCli(['serve', '--list-faults']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(30);
    expect(run.stdout).toMatch(/^no-done-sentinel\s+stream\/done-sentinel\s+/m);
  });
});

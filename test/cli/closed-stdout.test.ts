import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The shipped launcher, as `npx open-responses-check` runs it (dist/ is built by `npm ci`). */
const LAUNCHER = join(import.meta.dirname, '../../bin/open-responses-check.js');

describe('a closed standard output (| head, | grep -q)', () => {
  it('ends console output quietly, still writes the reports and keeps the exit code', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-epipe-'));
    const child = spawn(process.execPath, [LAUNCHER, 'self-test', '--verbose', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the first line, as `| head -0` or `| grep -q` would.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
  });
});

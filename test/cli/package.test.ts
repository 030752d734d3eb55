import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface PackedFile {
  path: string;
}

describe('npm package', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

  it('declares the bin, the Node floor and a build on install', () => {
    expect(pkg.bin).toEqual({ 'open-responses-check': 'bin/open-responses-check.js' });
    expect(pkg.engines.node).toBe('>=20.19');
    expect(pkg.scripts.prepare).toMatch(/build/);
    expect(readFileSync(pkg.bin['open-responses-check'], 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('exports the typed library entry point', () => {
    expect(pkg.exports['.']).toEqual({ types: './dist/core/index.d.ts', default: './dist/core/index.js' });
  });

  it('packs the launcher, the compiled CLI, the vendored spec and the report and scenario file schemas', () => {
    // --ignore-scripts: list what would be packed without rebuilding; dist/ exists after npm install.
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    const files = (JSON.parse(output) as { files: PackedFile[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/open-responses-check.js',
        'dist/cli/main.js',
        'dist/core/index.js',
        'dist/core/index.d.ts',
        'dist/fixtures/server.js',
        'spec/2026-01-15/openapi.json',
        'spec/2026-04-24/openapi.json',
        'spec/curl_snippets.yaml',
        'spec/README.md',
        'schemas/report.schema.json',
        'schemas/scenarios.schema.json',
        'README.md',
        'package.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/'))).toBe(false);
  });
});

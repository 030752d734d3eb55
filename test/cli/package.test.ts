import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

  it('exports the typed vitest matchers, with vitest an optional peer dependency only', () => {
    expect(pkg.exports['./vitest']).toEqual({ types: './dist/vitest/index.d.ts', default: './dist/vitest/index.js' });
    expect(pkg.peerDependencies).toEqual({ vitest: expect.any(String) });
    expect(pkg.peerDependenciesMeta).toEqual({ vitest: { optional: true } });
    expect(Object.keys(pkg.dependencies)).not.toContain('vitest');
    const types = readFileSync('dist/vitest/index.d.ts', 'utf8');
    expect(types).toMatch(/declare module 'vitest' \{\s+interface Assertion<T = any> extends ConformanceMatchers \{\s*\}/);
    expect(types).toMatch(/toBeConformingStream\(options\?: ConformanceMatcherOptions\): Promise<void>;/);
  });

  it('loads vitest only from the vitest subpath: not from the library entry point or the CLI', () => {
    const importers = readdirSync('dist', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.startsWith('vitest/'))
      .filter((file) => /from ['"](vitest|@vitest\/[^'"]+)['"]|import\(['"]vitest/.test(readFileSync(join('dist', file), 'utf8')));
    expect(importers).toEqual([]);
    // A resolve hook that refuses vitest: the entry point loads under it, the subpath does not (the control).
    const refuseVitest = `export async function resolve(specifier, context, next) { if (/^(vitest|@vitest\\/)/.test(specifier)) throw new Error('vitest was loaded'); return next(specifier, context); }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(dataUrl(refuseVitest))});`;
    const load = (entry: string) => spawnSync(process.execPath, ['--import', dataUrl(register), '--input-type=module', '-e', `await import(${JSON.stringify(entry)});`], { encoding: 'utf8', timeout: 60_000 });
    const main = load('open-responses-check');
    expect(main.stderr).toBe('');
    expect(main.status).toBe(0);
    const matchers = load('open-responses-check/vitest');
    expect(matchers.stderr).toMatch(/vitest was loaded/);
    expect(matchers.status).not.toBe(0);
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
        'dist/vitest/index.js',
        'dist/vitest/index.d.ts',
        'dist/vitest/verdict.js',
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

  it('installs from the packed tarball with both entry points importable by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orc-packed-'));
    const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8' });
    const tarball = join(dir, (JSON.parse(output) as { filename: string }[])[0].filename);
    // The package from the tarball, beside this clone's dependencies (vitest included, as a peer).
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, 'open-responses-check'), { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'open-responses-check'), '--strip-components=1']);
    for (const name of readdirSync('node_modules')) {
      if (name !== 'open-responses-check' && !name.startsWith('.')) symlinkSync(resolve('node_modules', name), join(modules, name));
    }
    const script = `const main = await import('open-responses-check'); const m = await import('open-responses-check/vitest'); const v = await m.judgeBody('', 'stream'); console.log(typeof main.validateCapture, Object.keys(m.conformanceMatchers).join(','), v.pass, import.meta.resolve('open-responses-check/vitest'));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toMatch(/^function toBeConformingStream,toBeConformingResponse false file:\/\/\S+\/node_modules\/open-responses-check\/dist\/vitest\/index\.js$/);
  });
});

function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

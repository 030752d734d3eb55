import { readFileSync } from 'node:fs';

let cached: { name: string; version: string } | undefined;

/**
 * Name and version from the installed package.json, two folders above this module in src/core and
 * in dist/core alike. Read directly, not through the spec loader, since every start (`--help`,
 * `--version`) needs it.
 */
export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    cached = { name: pkg.name, version: pkg.version };
  }
  return cached;
}

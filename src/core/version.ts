import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { specDirectory } from '../spec/load.js';

let cached: { name: string; version: string } | undefined;

/** Name and version from the installed package.json (beside the bundled spec/ folder). */
export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(join(dirname(specDirectory()), 'package.json'), 'utf8')) as { name: string; version: string };
    cached = { name: pkg.name, version: pkg.version };
  }
  return cached;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specDirectory } from '../../src/spec/load.js';

describe('vendored spec files', () => {
  const readme = readFileSync(join(specDirectory(), 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([^`]+)` \| `[^`]+` \| `([0-9a-f]{64})` \|$/gm)];

  it('records a hash for every vendored file', () => {
    expect(rows.map((r) => r[1]).sort()).toEqual(['2026-01-15/openapi.json', '2026-04-24/openapi.json', 'curl_snippets.yaml']);
  });

  for (const [, file, sha256] of rows) {
    it(`${file} matches its recorded sha256`, () => {
      expect(createHash('sha256').update(readFileSync(join(specDirectory(), file))).digest('hex')).toBe(sha256);
    });
  }
});

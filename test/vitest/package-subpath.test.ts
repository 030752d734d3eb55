import { describe, expect, it } from 'vitest';

/**
 * The subpath a provider imports, resolved as a package resolves itself (through `exports`), so
 * what runs is the built file in dist/ (npm install builds it).
 */
const SUBPATH = 'open-responses-check/vitest';

describe('open-responses-check/vitest, imported by its package name', () => {
  it('resolves to the built file and registers the matchers', async () => {
    const resolved = import.meta.resolve(SUBPATH);
    expect(resolved).toMatch(/\/dist\/vitest\/index\.js$/);
    const module = (await import(SUBPATH)) as { conformanceMatchers: Record<string, unknown> };
    expect(Object.keys(module.conformanceMatchers)).toEqual(['toBeConformingStream', 'toBeConformingResponse']);
    // Registered with the same expect this test uses: an empty body is no stream.
    await expect('').not.toBeConformingStream();
    await expect(expect('').toBeConformingStream()).rejects.toThrow(/stream\/final-response  SSE-O-14/);
  });
});

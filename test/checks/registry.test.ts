import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks, checksForStep } from '../../src/checks/registry.js';

/** Keeps the registry honest: every check is findable by a stable, unique id and cites its rule. */
describe('check registry', () => {
  const checks = allChecks();

  it('has unique ids of the form <area>/<kebab-name>', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(http|response|stream|error|transport)\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every check a requirement id, a strength, a spec section and a title', () => {
    for (const check of checks) {
      expect(check.requirement, check.id).toMatch(/^[A-Z]+(-[A-Z]+)*-[0-9A-Z]+$/);
      expect(check.severity, check.id).toMatch(/^(MUST|MUST NOT|SHOULD|SHOULD NOT|SCHEMA|IMPLIED|TOOL)$/);
      expect(check.section.length, check.id).toBeGreaterThan(0);
      expect(check.title.length, check.id).toBeGreaterThan(10);
    }
  });

  it('keeps each stream and response rule in the file its id names', () => {
    for (const check of checks.filter((c) => c.id.startsWith('stream/') || c.id.startsWith('response/'))) {
      expect(existsSync(`src/checks/${check.id}.ts`), check.id).toBe(true);
    }
  });

  it('runs every registered check in some kind of step', () => {
    const used = new Set([false, true].flatMap((stream) => checksForStep({ stream }).map((c) => c.id)));
    for (const check of checks.filter((c) => c.kind !== 'transport' && !c.id.startsWith('error/'))) expect(used.has(check.id), check.id).toBe(true);
  });
});

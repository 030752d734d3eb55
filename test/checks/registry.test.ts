import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks, checkSetForStep, checksForStep, type StepShape } from '../../src/checks/registry.js';
import { transportChecks } from '../../src/checks/transport/problems.js';

/** Keeps the registry honest: every check is findable by a stable, unique id and cites its rule. */
describe('check registry', () => {
  const checks = allChecks();

  it('has unique ids of the form <area>/<kebab-name>', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(http|response|stream|error|transport|compact|websocket)\/[a-z0-9]+(-[a-z0-9]+)*$/);
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
    for (const check of checks.filter((c) => c.id.startsWith('stream/') || c.id.startsWith('response/') || c.id.startsWith('compact/'))) {
      expect(existsSync(`src/checks/${check.id}.ts`), check.id).toBe(true);
    }
  });

  it('runs every registered check in some kind of step', () => {
    const shapes: StepShape[] = [{ stream: false }, { stream: true }, { stream: false, answer: 'compaction' }, { stream: false, transport: 'websocket' }, { stream: false, transport: 'websocket', probe: true }];
    const used = new Set(shapes.flatMap((shape) => checksForStep(shape).map((c) => c.id)));
    for (const check of checks.filter((c) => c.kind !== 'transport' && !c.id.startsWith('error/'))) expect(used.has(check.id), check.id).toBe(true);
  });

  it('gives each check the kind of the group that runs it', () => {
    const steps: StepShape[] = [
      { stream: false },
      { stream: true },
      { stream: false, outcome: { requirement: 'REQ-TC-02', purpose: 'a required tool call', status: 'completed' } },
      { stream: true, outcome: { requirement: 'REQ-TC-02', purpose: 'a required tool call', status: 'completed' } },
      { stream: false, rejection: { requirement: 'REQ-01', what: 'a bad request' } },
      { stream: true, withoutCredentials: true },
      { stream: false, transport: 'websocket' },
    ];
    for (const step of steps) {
      const set = checkSetForStep(step);
      for (const group of ['http', 'body', 'stream', 'response', 'envelope', 'connection'] as const) {
        for (const check of set[group] ?? []) expect(check.kind, check.id).toBe(group);
      }
    }
    for (const check of transportChecks) expect(check.kind, check.id).toBe('transport');
    const kinds = new Map(checks.map((c) => [c.id, c.kind]));
    expect([...new Set(kinds.values())].sort()).toEqual(['body', 'connection', 'envelope', 'http', 'response', 'stream', 'transport']);
  });
});

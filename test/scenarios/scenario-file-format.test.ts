import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPECTATION_KINDS } from '../../src/checks/scenario/expectations.js';
import { allRecords, builtInRecords } from '../../src/scenarios/catalogue/index.js';
import { ENDPOINT_REQUEST_SCHEMAS } from '../../src/scenarios/compile.js';
import { recordProblems } from '../../src/scenarios/file-checks.js';
import { schemaProblem } from '../../src/scenarios/file-schema.js';
import { SCENARIO_FILE_VERSION, type ScenarioRecord } from '../../src/scenarios/record.js';
import { bundledVersions, createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/scenarios.schema.json', import.meta.url), 'utf8')) as {
  properties: { version: { const: number } };
  $defs: { step: { properties: { path: { enum: string[] } } }; expectation: { properties: { kind: { enum: string[] } } } };
};

/** The records as a file would hold them: through JSON, so nothing but data survives. */
function asFile(records: readonly ScenarioRecord[]): { version: number; scenarios: ScenarioRecord[] } {
  return JSON.parse(JSON.stringify({ version: SCENARIO_FILE_VERSION, scenarios: records })) as { version: number; scenarios: ScenarioRecord[] };
}

describe('schemas/scenarios.schema.json', () => {
  it('accepts every built-in record, so the built-in catalogue is expressible in the public format', () => {
    expect(schemaProblem(asFile(allRecords))).toBeUndefined();
  });

  it('names the same version, endpoints and expectation kinds as the code', () => {
    expect(schema.properties.version.const).toBe(SCENARIO_FILE_VERSION);
    expect(schema.$defs.step.properties.path.enum).toEqual(Object.keys(ENDPOINT_REQUEST_SCHEMAS));
    expect(schema.$defs.expectation.properties.kind.enum).toEqual([...EXPECTATION_KINDS]);
  });

  it('refuses a field the format does not have, at every level', () => {
    const [record] = asFile(builtInRecords).scenarios;
    const step = record.steps[0];
    expect(schemaProblem({ version: 1, scenarios: [record], extra: 1 })?.at).toEqual(['extra']);
    expect(schemaProblem({ version: 1, scenarios: [{ ...record, extra: 1 }] })?.at).toEqual(['scenarios', 0, 'extra']);
    expect(schemaProblem({ version: 1, scenarios: [{ ...record, steps: [{ ...step, extra: 1 }] }] })?.at).toEqual(['scenarios', 0, 'steps', 0, 'extra']);
    const expectation = { kind: 'logprobs', text: 'x' };
    expect(schemaProblem({ version: 1, scenarios: [{ ...record, steps: [{ ...step, expect: [expectation] }] }] })?.message).toContain('unknown field "text"');
  });

  it('leaves request bodies open: any field may be sent', () => {
    const [record] = asFile(builtInRecords).scenarios;
    expect(schemaProblem({ version: 1, scenarios: [{ ...record, steps: [{ body: { anything: { at: ['all'] } } }] }] })).toBeUndefined();
  });
});

describe('the checks beyond the schema', () => {
  it.each(bundledVersions())('find nothing wrong with the built-in records under spec %s (ids, step names, references, bodies)', (version) => {
    const spec = loadBundledSpec(version);
    const problems = recordProblems(asFile(builtInRecords).scenarios, { specVersion: spec.version, schemas: createSchemaValidator(spec.document), owners: new Map(), where: () => 'built-in' });
    expect(problems).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type { JsonReport, JsonScenario } from '../../src/report/json.js';
import type { CheckStatus } from '../../src/runner/result.js';

const addFormats = addFormatsModule.default;

/** schemas/report.schema.json, compiled once in strict mode: a schema mistake fails the tests too. */
const validateReportSchema = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object);
})();

/** The schema's complaints about `report`, one line each; empty when it conforms. */
export function reportSchemaErrors(report: unknown): string[] {
  if (validateReportSchema(report)) return [];
  return (validateReportSchema.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** Reads `<dir>/report.json` and fails the test unless it conforms to schemas/report.schema.json. */
export function readReport(dir: string): JsonReport {
  const report: unknown = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(reportSchemaErrors(report), `${dir}/report.json against schemas/report.schema.json`).toEqual([]);
  return report as JsonReport;
}

/**
 * Every check of a scenario with its status, passed ones included (the report lists those by
 * name): keyed by `id`, or `step: id` for a step of a multi-request scenario.
 */
export function checkStatuses(scenario: JsonScenario): Map<string, CheckStatus> {
  const statuses = new Map<string, CheckStatus>(scenario.passedChecks.map((name) => [name, 'passed']));
  for (const check of scenario.checks) statuses.set(check.step === undefined ? check.id : `${check.step}: ${check.id}`, check.status);
  return statuses;
}

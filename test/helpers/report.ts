import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type { JsonReport, JsonScenario } from '../../src/report/json.js';
import type { Finding } from '../../src/checks/types.js';
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

/** What a test reads of any check: its status and message, and findings when it has any. */
export interface ReportedCheck {
  status: CheckStatus;
  message: string;
  findings: Finding[];
}

/**
 * Every check of a scenario, passed, skipped and not-run ones included (the report lists those by
 * name): keyed by `id`, or `step: id` for a step of a multi-request scenario.
 */
export function reportedChecks(scenario: JsonScenario): Map<string, ReportedCheck> {
  const checks = new Map<string, ReportedCheck>(scenario.passedChecks.map((name) => [name, { status: 'passed', message: '', findings: [] }]));
  for (const group of scenario.unjudgedChecks) {
    for (const name of group.checks) checks.set(name, { status: group.status, message: group.reason, findings: [] });
  }
  for (const check of scenario.checks) checks.set(check.step === undefined ? check.id : `${check.step}: ${check.id}`, check);
  return checks;
}

import { finding } from './finding.js';
import { gradeSchemaIssues, type SchemaRows } from './schema-rows.js';
import { SCHEMA_SCOPE_ROWS } from './schema-scope.js';
import type { BodyCheck, CheckMeta } from './types.js';

/**
 * A check that the JSON body of a success (2xx) matches a component schema of the spec, each
 * issue graded by the catalogue's extension and prose rules (schema-scope.ts) and named by the
 * precise row of what it breaks (`rows`, from schema-rows.ts).
 */
export function bodySchemaCheck(meta: Omit<CheckMeta, 'severity'>, schema: string, body: string, rows: SchemaRows): BodyCheck {
  const check: BodyCheck = {
    kind: 'body',
    ...meta,
    alsoRequirements: [...SCHEMA_SCOPE_ROWS, ...rows.rows],
    severity: 'SCHEMA',
    check(obs, ctx) {
      if (obs.http.status < 200 || obs.http.status >= 300 || obs.json === undefined) return [];
      return gradeSchemaIssues(obs.json, ctx.schemas.validate(schema, obs.json), rows).map(({ issue, verdict, requirement }) =>
        finding(check, verdict, `The ${body} does not match ${schema}: ${issue.message}.`, {
          ...(requirement ? { requirement } : {}),
          expected: issue.expected,
          actual: issue.actual,
          location: { path: issue.path },
        }),
      );
    },
  };
  return check;
}

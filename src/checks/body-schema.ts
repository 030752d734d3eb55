import { finding } from './finding.js';
import { SCHEMA_SCOPE_ROWS, scopeSchemaIssues } from './schema-scope.js';
import type { BodyCheck, CheckMeta } from './types.js';

/**
 * A check that the JSON body of a success (2xx) matches a component schema of the spec, each
 * issue graded by the catalogue's extension and prose rules (schema-scope.ts).
 */
export function bodySchemaCheck(meta: Omit<CheckMeta, 'severity'>, schema: string, body: string): BodyCheck {
  const check: BodyCheck = {
    kind: 'body',
    ...meta,
    alsoRequirements: SCHEMA_SCOPE_ROWS,
    severity: 'SCHEMA',
    check(obs, ctx) {
      if (obs.http.status < 200 || obs.http.status >= 300 || obs.json === undefined) return [];
      return scopeSchemaIssues(obs.json, ctx.schemas.validate(schema, obs.json)).map(({ issue, verdict, requirement }) =>
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

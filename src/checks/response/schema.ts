import { finding } from '../finding.js';
import { SCHEMA_SCOPE_ROWS, scopeSchemaIssues } from '../schema-scope.js';
import type { BodyCheck } from '../types.js';

/**
 * OAS `responses.200 application/json`: the body of a successful (2xx) non-streamed request is a
 * ResponseResource, with all of its required properties (RES-01, RES-02 and the shape rows after).
 * Extension items are judged by the extension rules instead (EXT-13); an extra item status is a
 * warning (Z-43).
 */
export const responseSchema: BodyCheck = {
  kind: 'body',
  id: 'response/schema',
  requirement: 'RES-02',
  alsoRequirements: SCHEMA_SCOPE_ROWS,
  severity: 'SCHEMA',
  section: 'HTTP Responses',
  title: 'The JSON body of a success matches ResponseResource',
  check(obs, ctx) {
    if (obs.http.status < 200 || obs.http.status >= 300 || obs.json === undefined) return [];
    return scopeSchemaIssues(obs.json, ctx.schemas.validate('ResponseResource', obs.json)).map(({ issue, verdict, requirement }) =>
      finding(responseSchema, verdict, `The response body does not match ResponseResource: ${issue.message}.`, {
        ...(requirement ? { requirement } : {}),
        expected: issue.expected,
        actual: issue.actual,
        location: { path: issue.path },
      }),
    );
  },
};

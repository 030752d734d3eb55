import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { BodyCheck } from '../types.js';

/** SPEC§Errors/Error Types: the usual status of each error type, "generally, but not always". */
const USUAL_STATUS: Record<string, number> = {
  invalid_request: 400,
  invalid_request_error: 400,
  not_found: 404,
  server_error: 500,
  model_error: 500,
  too_many_requests: 429,
};

/**
 * The error-type table gives each type its usual status (ERR-03, HTTP-12). Authentication answers
 * (401, 403) are outside the table, whose statuses the spec leaves open (HTTP-03), so they are
 * not judged here.
 */
export const errorStatusMatchesType: BodyCheck = {
  kind: 'body',
  id: 'error/status-matches-type',
  requirement: 'ERR-03',
  severity: 'IMPLIED',
  section: 'Errors',
  title: 'An error answer uses the usual status of its error type',
  check(obs) {
    const status = obs.http.status;
    if (status < 400 || status === 401 || status === 403 || !isRecord(obs.json) || !isRecord(obs.json.error)) return [];
    const type = obs.json.error.type;
    const usual = typeof type === 'string' ? USUAL_STATUS[type] : undefined;
    if (usual === undefined || usual === status) return [];
    return [
      finding(errorStatusMatchesType, 'warn', `An error of type "${String(type)}" was sent with HTTP ${status}; the spec's table gives ${usual}.`, {
        expected: String(usual),
        actual: String(status),
        location: { path: '/error/type' },
      }),
    ];
  },
};

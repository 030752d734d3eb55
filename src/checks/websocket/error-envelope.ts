import { finding } from '../finding.js';
import type { EnvelopeCheck } from '../types.js';

/** The component schema of the envelope in the 2026-04-24 release. */
const ENVELOPE_SCHEMA = 'WebSocketErrorEvent';

/** Characters of the envelope shown with a finding. */
const EXCERPT_CHARS = 240;

/**
 * SPEC§WebSocket Errors: "WebSocket failures MUST be sent as a JSON `error` envelope with a
 * `status` code and an `error.code`" (HTTP-16, ERR-W-01); the rest of its shape is the schema's.
 */
export const websocketErrorEnvelope: EnvelopeCheck = {
  kind: 'envelope',
  id: 'websocket/error-envelope',
  requirement: 'HTTP-16',
  alsoRequirements: ['ERR-W-01'],
  severity: 'MUST',
  section: 'WebSocket Errors',
  title: 'A WebSocket failure is an error envelope with an integer status and an error.code',
  check({ envelope, location }, ctx) {
    if (!ctx.schemas.has(ENVELOPE_SCHEMA)) return [];
    return ctx.schemas.validate(ENVELOPE_SCHEMA, envelope).map((issue) =>
      finding(websocketErrorEnvelope, 'fail', `The error envelope does not match ${ENVELOPE_SCHEMA}: ${issue.message}.`, {
        expected: issue.expected,
        actual: issue.actual,
        location: { ...location, path: issue.path },
        excerpt: JSON.stringify(envelope).slice(0, EXCERPT_CHARS),
      }),
    );
  },
};

import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import { EVENT_SCHEMA_ROWS, gradeSchemaIssues } from '../schema-rows.js';
import { SCHEMA_SCOPE_ROWS } from '../schema-scope.js';
import type { Finding, StreamCheck } from '../types.js';
import { eventLocation } from './location.js';

/**
 * SPEC§Streaming: every event is one of the spec's event objects. OAS: the `text/event-stream`
 * body is a oneOf of the streaming event schemas. SPEC§Extending streaming events: an extension
 * event carries an implementor-slug prefix, `type` and `sequence_number`, and is otherwise free;
 * extension items inside events are left to the extension-item rules (EXT-13). A breach names
 * the e.3 row of its event type, or the row of the snapshot, item or part it is in (schema-rows.ts).
 */
export const eventSchema: StreamCheck<null> = {
  kind: 'stream',
  id: 'stream/event-schema',
  requirement: 'SSE-F-06',
  alsoRequirements: ['EXT-05', ...SCHEMA_SCOPE_ROWS, ...EVENT_SCHEMA_ROWS.rows],
  severity: 'SCHEMA',
  section: 'Streaming',
  title: "Every streamed event matches the schema for its type (extension events: type and sequence_number)",
  init: () => null,
  onEvent(_state, event, ctx) {
    if (event.kind !== 'json') return NO_FINDINGS;
    const value = event.value;
    if (!isRecord(value)) return NO_FINDINGS; // Not an object at all: the framing check reports it.
    const typed = event.typed;
    if (typed === undefined) {
      return [
        finding(eventSchema, 'fail', 'The event has no string "type", so no event schema can apply.', {
          expected: 'a "type" naming a streaming event',
          actual: value.type === undefined ? 'no "type"' : JSON.stringify(value.type),
          location: eventLocation(event, '/type'),
        }),
      ];
    }
    const type = typed.type;
    if (typed.extension) return extensionFindings(value, event);
    const schemaName = ctx.schemas.eventSchemaFor(type);
    if (schemaName === undefined) {
      return [
        finding(eventSchema, 'fail', `"${type}" is not an event type of this spec version, and it has no implementor prefix ("acme:…") that would make it an extension.`, {
          requirement: 'EXT-05',
          expected: 'a streaming event type of the spec, or a slug-prefixed extension type',
          actual: JSON.stringify(type),
          location: eventLocation(event, '/type'),
        }),
      ];
    }
    return gradeSchemaIssues(value, ctx.schemas.validate(schemaName, value), EVENT_SCHEMA_ROWS).map(({ issue, verdict, requirement }) =>
      finding(eventSchema, verdict, `The ${type} event does not match its schema (${schemaName}): ${issue.message}.`, {
        // Undefined keeps the check's own row (SSE-F-06).
        requirement,
        expected: issue.expected,
        actual: issue.actual,
        location: eventLocation(event, issue.path),
      }),
    );

    function extensionFindings(body: Record<string, unknown>, ev: typeof event): readonly Finding[] {
      const seq = body.sequence_number;
      if (typeof seq === 'number' && Number.isInteger(seq)) return NO_FINDINGS;
      return [
        finding(eventSchema, 'fail', `The extension event ${String(body.type)} has no integer sequence_number; extension events must carry one.`, {
          requirement: 'EXT-05',
          expected: 'an integer sequence_number',
          actual: seq === undefined ? 'missing' : JSON.stringify(seq),
          location: eventLocation(ev, '/sequence_number'),
        }),
      ];
    }
  },
  onEnd: () => NO_FINDINGS,
};

import { bodySchemaCheck } from '../body-schema.js';
import { RESPONSE_SCHEMA_ROWS } from '../schema-rows.js';

/**
 * OAS `responses.200 application/json`: the body of a successful (2xx) non-streamed request is a
 * ResponseResource, with all of its required properties (RES-02). A breach of a property's shape
 * names that property's row (RES-03.., the echoed REQ-F-* fields, ITEM-*, CNT-*). Extension items
 * are judged by the extension rules instead (EXT-13); an extra item status is a warning (Z-43).
 */
export const responseSchema = bodySchemaCheck(
  { id: 'response/schema', requirement: 'RES-02', section: 'HTTP Responses', title: 'The JSON body of a success matches ResponseResource' },
  'ResponseResource',
  'response body',
  RESPONSE_SCHEMA_ROWS,
);

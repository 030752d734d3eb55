import { bodySchemaCheck } from '../body-schema.js';
import { COMPACTION_SCHEMA_ROWS } from '../schema-rows.js';

/**
 * OAS A `paths./responses/compact`: a successful compaction answers a CompactResource: `id`,
 * `object` "response.compaction", `output`, `created_at` and a non-null `usage` (END-02, USG-02).
 * Extension items in `output` are judged by the extension rules, as in a response (EXT-13); other
 * items and `usage` name their own rows (ITEM-*, CNT-*, USG-02, RES-10).
 */
export const compactSchema = bodySchemaCheck(
  { id: 'compact/schema', requirement: 'END-02', section: 'Other endpoints', title: 'The JSON body of a successful compaction matches CompactResource' },
  'CompactResource',
  'compaction body',
  COMPACTION_SCHEMA_ROWS,
);

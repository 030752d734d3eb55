import { isRecord } from '../protocol/json.js';
import { scopeSchemaIssues, type ScopedIssue } from './schema-scope.js';
import type { SchemaIssue } from './types.js';

/**
 * The catalogue row a schema issue breaks, found by where it is (its JSON path) and what is there
 * (the `type` of the item, part or event that holds it), so a provider reading a failure sees the
 * exact rule and the coverage matrix credits the schema checks with those rows. Undefined: no row
 * is more precise than the check's own (RES-02, END-02, SSE-F-06).
 *
 * Only issues that stay failures are mapped here (schema-scope.ts grades the warnings first), and
 * every row below allows `fail` in its Verdict column (test/checks/schema-rows.test.ts holds the
 * tables to that). Rows that only warn (RES-11, REQ-ECHO-01) have no schema breach to take.
 */

/**
 * ResponseResource fields and the row that states each one's own shape: the c. rows where the
 * catalogue has one, the b.1 "echoed field shape" row for an echoed request field. `metadata` is
 * absent: its schema is untyped, so no value breaks it (RES-19) and only its absence can, which is
 * RES-02's.
 */
const RESPONSE_FIELD_ROWS: Readonly<Record<string, string>> = {
  id: 'RES-04',
  object: 'RES-03',
  created_at: 'RES-05',
  completed_at: 'RES-05',
  status: 'RES-06',
  incomplete_details: 'RES-07',
  error: 'RES-08',
  output: 'RES-09',
  usage: 'USG-01',
  model: 'REQ-F-01',
  previous_response_id: 'REQ-F-03',
  tools: 'REQ-F-05',
  tool_choice: 'REQ-F-06',
  text: 'REQ-F-08',
  temperature: 'REQ-F-09',
  top_p: 'REQ-F-10',
  presence_penalty: 'REQ-F-11',
  frequency_penalty: 'REQ-F-11',
  parallel_tool_calls: 'REQ-F-12',
  background: 'REQ-F-15',
  max_output_tokens: 'REQ-F-16',
  max_tool_calls: 'REQ-F-17',
  reasoning: 'REQ-F-18',
  safety_identifier: 'REQ-F-19',
  prompt_cache_key: 'REQ-F-20',
  truncation: 'REQ-F-21',
  instructions: 'REQ-F-22',
  store: 'REQ-F-23',
  service_tier: 'REQ-F-24',
  top_logprobs: 'REQ-F-25',
};

/**
 * Fields whose inner shape a c. row spells out: a breach inside the object (`/usage/total_tokens`,
 * `/tool_choice/mode`) names it, while a wrong value for the whole field keeps the field's row.
 * Inside any other field (`/error/code`), the field's own row applies.
 */
const RESPONSE_NESTED_ROWS: Readonly<Record<string, string>> = {
  usage: 'RES-10',
  text: 'RES-12',
  reasoning: 'RES-13',
  tools: 'RES-14',
  tool_choice: 'RES-15',
};

/** The d.1 row of each standard output item type. */
const ITEM_TYPE_ROWS: Readonly<Record<string, string>> = {
  message: 'ITEM-T-01',
  function_call: 'ITEM-T-02',
  function_call_output: 'ITEM-T-03',
  reasoning: 'ITEM-T-04',
  compaction: 'ITEM-T-05',
};

/**
 * Item types that must carry `id` and `status` (ITEM-02's fail part); a reasoning or compaction
 * item has no `status` in its schema, so a missing `id` there is its own d.1 row's.
 */
const ITEM_ID_STATUS_TYPES: ReadonlySet<string> = new Set(['message', 'function_call', 'function_call_output']);

/** The d.3 row of each content part type. */
const PART_TYPE_ROWS: Readonly<Record<string, string>> = {
  input_text: 'CNT-01',
  output_text: 'CNT-02',
  text: 'CNT-03',
  summary_text: 'CNT-04',
  reasoning_text: 'CNT-05',
  refusal: 'CNT-06',
  input_image: 'CNT-07',
  input_file: 'CNT-08',
  input_video: 'CNT-09',
};

/** Lists inside a content part whose entries have their own d.3 rows. */
const PART_ENTRY_ROWS: Readonly<Record<string, string>> = { annotations: 'CNT-10', logprobs: 'CNT-11' };

/** Item fields that hold content parts: a message's or reasoning's `content`, `summary`, a tool output's parts. */
const PART_LISTS: ReadonlySet<string> = new Set(['content', 'summary', 'output']);

/** The e.3 row of each streaming event type. */
const EVENT_TYPE_ROWS: Readonly<Record<string, string>> = {
  'response.created': 'EV-01',
  'response.queued': 'EV-02',
  'response.in_progress': 'EV-03',
  'response.completed': 'EV-04',
  'response.failed': 'EV-05',
  'response.incomplete': 'EV-06',
  'response.output_item.added': 'EV-07',
  'response.output_item.done': 'EV-08',
  'response.content_part.added': 'EV-09',
  'response.content_part.done': 'EV-10',
  'response.output_text.delta': 'EV-11',
  'response.output_text.done': 'EV-12',
  'response.output_text.annotation.added': 'EV-13',
  'response.refusal.delta': 'EV-14',
  'response.refusal.done': 'EV-15',
  'response.reasoning.delta': 'EV-16',
  'response.reasoning.done': 'EV-17',
  'response.reasoning_summary_part.added': 'EV-18',
  'response.reasoning_summary_part.done': 'EV-19',
  'response.reasoning_summary_text.delta': 'EV-20',
  'response.reasoning_summary_text.done': 'EV-21',
  'response.function_call_arguments.delta': 'EV-22',
  'response.function_call_arguments.done': 'EV-23',
  error: 'EV-24',
};

/**
 * RES-01: a success returns a response object; a body that is no object at all breaks it. An
 * event's snapshot that is no object breaks its event's row instead (`/response` as a whole).
 */
const NOT_A_RESPONSE_ROW = 'RES-01';
/** RES-02: every ResponseResource property is present; the check's own row, and a snapshot's. */
const MISSING_RESPONSE_FIELD_ROW = 'RES-02';
/** ITEM-01: items are told apart by `type`; ITEM-04: an unprefixed `type` must be a standard one. */
const ITEM_UNTYPED_ROW = 'ITEM-01';
const ITEM_UNKNOWN_TYPE_ROW = 'ITEM-04';
const ITEM_ID_STATUS_ROW = 'ITEM-02';
/** EXT-13: an unprefixed unknown `type` in a `type`-discriminated union (here a tool entry) fails. */
const UNKNOWN_TOOL_TYPE_ROW = 'EXT-13';
const SEQUENCE_NUMBER_ROW = 'SSE-SEQ-01';
/** ERR-S-01: the `error` event's ErrorPayload. */
const ERROR_PAYLOAD_ROW = 'ERR-S-01';
/** USG-02: a CompactResource's `usage` is required and non-null. */
const COMPACTION_USAGE_ROW = 'USG-02';

/** The rows of one body kind's table, and how an issue of that kind finds its row. */
export interface SchemaRows {
  /** Every row `rowOf` can give: the checks declare them as `alsoRequirements`. */
  rows: readonly string[];
  rowOf(value: unknown, issue: SchemaIssue): string | undefined;
}

const itemRows = [ITEM_UNTYPED_ROW, ITEM_UNKNOWN_TYPE_ROW, ITEM_ID_STATUS_ROW, ...Object.values(ITEM_TYPE_ROWS), ...Object.values(PART_TYPE_ROWS), ...Object.values(PART_ENTRY_ROWS)];
/** The rows of a response's fields, in a body and in an event's snapshot alike. */
const responseRows = [
  ...Object.values(RESPONSE_FIELD_ROWS),
  ...Object.values(RESPONSE_NESTED_ROWS),
  UNKNOWN_TOOL_TYPE_ROW,
  ...itemRows,
];

/** A ResponseResource body (response/schema). */
export const RESPONSE_SCHEMA_ROWS: SchemaRows = {
  rows: unique([NOT_A_RESPONSE_ROW, ...responseRows]),
  rowOf: (value, issue) => responseRow(value, segments(issue.path), isMissing(issue)),
};

/** A CompactResource body (compact/schema): its output items and its `usage`; the rest is END-02's. */
export const COMPACTION_SCHEMA_ROWS: SchemaRows = {
  rows: unique([COMPACTION_USAGE_ROW, RESPONSE_NESTED_ROWS.usage, ...itemRows]),
  rowOf(value, issue) {
    const [field, ...rest] = segments(issue.path);
    if (!isRecord(value)) return undefined;
    if (field === 'output' && rest.length > 0) return outputRow(value.output, rest, isMissing(issue));
    if (field === 'usage') return rest.length === 0 ? COMPACTION_USAGE_ROW : RESPONSE_NESTED_ROWS.usage;
    return undefined;
  },
};

/** A streamed event of the spec (stream/event-schema): its e.3 row, or the row of what it embeds. */
export const EVENT_SCHEMA_ROWS: SchemaRows = {
  rows: unique([...Object.values(EVENT_TYPE_ROWS), SEQUENCE_NUMBER_ROW, ERROR_PAYLOAD_ROW, MISSING_RESPONSE_FIELD_ROW, ...responseRows]),
  rowOf: (value, issue) => eventRow(value, segments(issue.path), isMissing(issue)),
};

/**
 * The schema issues of `value`, graded by the extension and prose rules first (schema-scope.ts),
 * then each failure named by its precise row where the table has one. A scoped warning keeps the
 * row that grades it: the table's rows are chosen for failures, and may not allow `warn`.
 */
export function gradeSchemaIssues(value: unknown, issues: readonly SchemaIssue[], table: SchemaRows): ScopedIssue[] {
  return scopeSchemaIssues(value, issues).map((scoped) => {
    if (scoped.requirement !== undefined || scoped.verdict !== 'fail') return scoped;
    const requirement = table.rowOf(value, scoped.issue);
    return requirement === undefined ? scoped : { ...scoped, requirement };
  });
}

function responseRow(response: unknown, [field, ...rest]: string[], missing: boolean): string | undefined {
  if (field === undefined || !isRecord(response)) return NOT_A_RESPONSE_ROW;
  if (rest.length === 0) return missing ? MISSING_RESPONSE_FIELD_ROW : RESPONSE_FIELD_ROWS[field];
  if (field === 'output') return outputRow(response.output, rest, missing);
  if (field === 'tools' && rest.length === 2 && rest[1] === 'type' && hasStringType(valueAt(response.tools, rest[0]))) return UNKNOWN_TOOL_TYPE_ROW;
  return RESPONSE_NESTED_ROWS[field] ?? RESPONSE_FIELD_ROWS[field];
}

/** `[index, ...inside]` of an issue in an `output` array. */
function outputRow(output: unknown, [index, ...inside]: string[], missing: boolean): string {
  return itemRow(valueAt(output, index), inside, missing);
}

/** The row of an issue at `[field, ...rest]` inside an output item (none: the item as a whole). */
function itemRow(item: unknown, [field, ...rest]: string[], missing: boolean): string {
  const type = isRecord(item) ? item.type : undefined;
  if (typeof type !== 'string') return ITEM_UNTYPED_ROW;
  const own = ITEM_TYPE_ROWS[type];
  if (own === undefined) return ITEM_UNKNOWN_TYPE_ROW;
  if (missing && rest.length === 0 && (field === 'id' || field === 'status') && ITEM_ID_STATUS_TYPES.has(type)) return ITEM_ID_STATUS_ROW;
  if (PART_LISTS.has(field) && rest.length > 1 && isRecord(item)) return partRow(valueAt(item[field], rest[0]), rest.slice(1)) ?? own;
  return own;
}

/** The d.3 row of an issue at `inside` a content part; undefined for a part of no known type. */
function partRow(part: unknown, inside: string[]): string | undefined {
  const type = isRecord(part) ? part.type : undefined;
  const own = typeof type === 'string' ? PART_TYPE_ROWS[type] : undefined;
  if (own === undefined) return undefined;
  const [field, index] = inside;
  return index !== undefined ? (PART_ENTRY_ROWS[field] ?? own) : own;
}

function eventRow(event: unknown, path: string[], missing: boolean): string | undefined {
  if (!isRecord(event) || typeof event.type !== 'string') return undefined;
  const own = EVENT_TYPE_ROWS[event.type];
  const [field, ...rest] = path;
  if (own === undefined || field === undefined) return own;
  if (field === 'sequence_number') return SEQUENCE_NUMBER_ROW;
  if (rest.length === 0) return own;
  switch (field) {
    case 'response':
      return responseRow(event.response, rest, missing) ?? own;
    case 'item':
      return itemRow(event.item, rest, missing);
    case 'part':
      return partRow(event.part, rest) ?? own;
    case 'annotation':
      return PART_ENTRY_ROWS.annotations;
    case 'logprobs':
      return PART_ENTRY_ROWS.logprobs;
    case 'error':
      // Only the `error` event has an `error` field; a failed snapshot's is under `/response`.
      return ERROR_PAYLOAD_ROW;
    default:
      return own;
  }
}

/** The segments of a JSON pointer; none for the root (`(root)` in an issue). */
function segments(path: string): string[] {
  return path.startsWith('/') ? path.split('/').slice(1) : [];
}

function isMissing(issue: SchemaIssue): boolean {
  return issue.actual === 'missing';
}

function valueAt(list: unknown, index: string): unknown {
  return Array.isArray(list) ? list[Number(index)] : undefined;
}

/**
 * A tool whose string `type` has an issue names a type no tool of the spec has; an extension
 * (slug-prefixed) type never gets here, since schema-scope.ts drops the issues inside it.
 */
function hasStringType(entry: unknown): boolean {
  return isRecord(entry) && typeof entry.type === 'string';
}

function unique(rows: readonly string[]): string[] {
  return [...new Set(rows)];
}

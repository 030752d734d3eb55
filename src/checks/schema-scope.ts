import { isRecord, valueAtPointer } from '../protocol/json.js';
import { isExtensionType } from '../protocol/events.js';
import type { SchemaIssue, Verdict } from './types.js';

/** A schema issue with the verdict and requirement it carries after the spec's extension rules. */
export interface ScopedIssue {
  issue: SchemaIssue;
  verdict: Verdict;
  /** Set when the issue is judged by another row than the check's own. */
  requirement?: string;
}

/**
 * Grades schema issues of a response or an event by the catalogue's Verdict column, path by path.
 * EXT-13: an item or tool whose `type` carries an implementor prefix (`acme:search_call`) is judged
 * only by EXT-02 (the extension-item rules), never against the core union, so issues inside it are
 * dropped. Where the prose allows what the schema forbids, the breach is a warning under its row:
 * an extra status on a standard item (Z-43), a reasoning item's `content` or `encrypted_content`
 * null (Z-12, RSN-04), an echoed `text.format.schema` (Z-15, RES-12). Everything else fails.
 */
export function scopeSchemaIssues(value: unknown, issues: readonly SchemaIssue[]): ScopedIssue[] {
  const extensionPaths = extensionObjectPaths(value);
  const scoped: ScopedIssue[] = [];
  for (const issue of issues) {
    if (extensionPaths.some((path) => issue.path === path || issue.path.startsWith(`${path}/`))) continue;
    const warnRow = extraStatusRow(value, issue) ?? nullReasoningFieldRow(value, issue) ?? echoedSchemaRow(value, issue);
    if (warnRow) scoped.push({ issue, verdict: 'warn', requirement: warnRow });
    else scoped.push({ issue, verdict: 'fail' });
  }
  return scoped;
}

/** JSON pointers of extension items and tools: in `output`, `tools`, an event's `item`, or its `response`. */
function extensionObjectPaths(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const paths: string[] = [];
  const collect = (list: unknown, prefix: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      if (isRecord(entry) && typeof entry.type === 'string' && isExtensionType(entry.type)) paths.push(`${prefix}/${index}`);
    });
  };
  collect(value.output, '/output');
  collect(value.tools, '/tools');
  const item = value.item;
  if (isRecord(item) && typeof item.type === 'string' && isExtensionType(item.type)) paths.push('/item');
  if (isRecord(value.response)) {
    collect(value.response.output, '/response/output');
    collect(value.response.tools, '/response/tools');
  }
  return paths;
}

/** The item-type rows whose "extra status" part is a warning (Z-43). */
const STATUS_ROWS: Record<string, string> = { message: 'ITEM-T-01', function_call: 'ITEM-T-02', function_call_output: 'ITEM-T-03' };
const NULL_REASONING_FIELD_ROW = 'RSN-04';
const ECHOED_SCHEMA_ROW = 'RES-12';

/** Every row a scoped issue can name besides the check's own: the checks that scope issues declare them. */
export const SCHEMA_SCOPE_ROWS: readonly string[] = [...Object.values(STATUS_ROWS), NULL_REASONING_FIELD_ROW, ECHOED_SCHEMA_ROW];

/**
 * The catalogue row of a standard item's `status` string outside its closed enum, at
 * `/output/0/status`, `/item/status` or `/response/output/2/status`; undefined for any other issue.
 */
function extraStatusRow(value: unknown, issue: SchemaIssue): string | undefined {
  const match = /^((?:\/response)?(?:\/output\/\d+|\/item))\/status$/.exec(issue.path);
  if (!match || !issue.expected.startsWith('one of') || !issue.actual.startsWith('"')) return undefined;
  const item = valueAtPointer(value, match[1]);
  return isRecord(item) && typeof item.type === 'string' ? STATUS_ROWS[item.type] : undefined;
}

/**
 * RSN-04 for `content` or `encrypted_content` of a reasoning item (`/output/3`, `/item`) that is null: the prose calls
 * them optional "(can be null …)" and the spec's own example sends null, while the schema is not
 * nullable (Z-12). Undefined for any other issue.
 */
function nullReasoningFieldRow(value: unknown, issue: SchemaIssue): string | undefined {
  const match = /^((?:\/response)?(?:\/output\/\d+|\/item))\/(content|encrypted_content)$/.exec(issue.path);
  if (!match) return undefined;
  const item = valueAtPointer(value, match[1]);
  return isRecord(item) && item.type === 'reasoning' && item[match[2]] === null ? NULL_REASONING_FIELD_ROW : undefined;
}

/**
 * RES-12 for a `json_schema` text format whose `schema` is echoed instead of null: the response
 * schema types it as null, though echoing the request's schema is natural (Z-15). Undefined for
 * any other issue.
 */
function echoedSchemaRow(value: unknown, issue: SchemaIssue): string | undefined {
  const match = /^((?:\/response)?\/text\/format)\/schema$/.exec(issue.path);
  if (!match) return undefined;
  const format = valueAtPointer(value, match[1]);
  return isRecord(format) && format.type === 'json_schema' && format.schema !== null && format.schema !== undefined ? ECHOED_SCHEMA_ROW : undefined;
}

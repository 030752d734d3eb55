import { isRecord } from '../../protocol/json.js';
import { isExtensionType } from '../../protocol/events.js';
import type { ResponseObservation, SchemaValidator } from '../types.js';

/** Item types of the spec whose schema has a `status` (message, function_call, function_call_output). */
export const STATUS_ITEM_TYPES: readonly string[] = ['message', 'function_call', 'function_call_output'];

/** Standard item types with the component schema of each; a type counts when the spec version defines it. */
const STANDARD_ITEM_SCHEMAS: Readonly<Record<string, string>> = {
  message: 'Message',
  function_call: 'FunctionCall',
  function_call_output: 'FunctionCallOutput',
  reasoning: 'ReasoningBody',
  compaction: 'CompactionBody',
};

/** True for an item type of the spec version in use (`compaction` only from 2026-04-24 on). */
export function isStandardItemType(type: string, schemas: SchemaValidator): boolean {
  const schema = Object.hasOwn(STANDARD_ITEM_SCHEMAS, type) ? STANDARD_ITEM_SCHEMAS[type] : undefined;
  return schema !== undefined && schemas.has(schema);
}

/** An output item with its position in `output`. */
export interface OutputItem {
  index: number;
  item: Record<string, unknown>;
}

/** The object entries of a response's `output`; empty when `output` is not an array. */
export function outputItems(response: Record<string, unknown>): OutputItem[] {
  const output = response.output;
  if (!Array.isArray(output)) return [];
  return output.flatMap((item, index) => (isRecord(item) ? [{ index, item }] : []));
}

export function itemType(item: Record<string, unknown>): string | undefined {
  return typeof item.type === 'string' ? item.type : undefined;
}

/**
 * A call of a tool: a `function_call`, or a slug-prefixed item of a hosted tool. SPEC§Extending
 * tools gives the hosted tool's item the tool's own prefixed type (`implementor_slug:custom_document_search`
 * for a tool of that type); items named `<slug>:<tool>_call` are taken as calls too. Other prefixed
 * items (telemetry, traces) are not counted.
 */
export function isToolCallItem(item: Record<string, unknown>, requestedToolTypes: ReadonlySet<string>): boolean {
  const type = itemType(item);
  if (type === 'function_call') return true;
  return type !== undefined && isExtensionType(type) && (type.endsWith('_call') || requestedToolTypes.has(type));
}

/** The `type` of every tool in a request's `tools`. */
export function requestedToolTypes(body: Record<string, unknown>): Set<string> {
  // Stryker disable next-line ArrayDeclaration: any array of non-objects stands in for `[]` alike; the flatMap below keeps none of its entries.
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return new Set(tools.flatMap((tool) => (isRecord(tool) && typeof tool.type === 'string' ? [tool.type] : [])));
}

/**
 * The request parameters a tool rule judges by. Live, they are the request's. A capture has no
 * request; the response echoes `tools`, `tool_choice`, `parallel_tool_calls` and `max_tool_calls`
 * (REQ-ECHO-01/02), so it is judged by that echo, and every message says which one it used.
 */
export interface RequestSettings {
  values: Record<string, unknown>;
  /** Where the values come from, for messages: "as the request sent it" or "as the response echoes it". */
  origin: string;
}

export function requestSettings(obs: ResponseObservation): RequestSettings {
  return obs.request
    ? { values: obs.request.body, origin: 'as the request sent it' }
    : { values: obs.response, origin: 'as the response echoes it; the capture has no request' };
}

/** The skip reason of a tool rule offline when the response does not echo the parameter it needs either. */
export function notEchoed(obs: ResponseObservation, field: string): string | undefined {
  if (obs.request !== undefined || obs.response[field] !== undefined) return undefined;
  return `not judged: the capture has no request, and the response does not echo ${field}`;
}

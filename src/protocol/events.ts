/**
 * The streaming event vocabulary shared by the checks, the runner and the reference server:
 * the terminal event types, the extension-type test, and what each core event means for the
 * ordering and consistency rules (which object it opens, extends or closes), read through
 * `eventRole`. Data and pure functions only.
 */

/** The two kinds of parts an item streams: content parts and reasoning summary parts. */
export type PartScope = 'content' | 'summary';

/** Where a part scope keeps its index in events and its parts in the finished item. */
export interface PartScopeInfo {
  /** Event field holding the part's position: `content_index` or `summary_index`. */
  indexField: 'content_index' | 'summary_index';
  /** Item field holding the finished parts: `content` or `summary`. */
  itemField: 'content' | 'summary';
  addedType: string;
  doneType: string;
}

export const PART_SCOPES: Readonly<Record<PartScope, PartScopeInfo>> = {
  content: {
    indexField: 'content_index',
    itemField: 'content',
    addedType: 'response.content_part.added',
    doneType: 'response.content_part.done',
  },
  summary: {
    indexField: 'summary_index',
    itemField: 'summary',
    addedType: 'response.reasoning_summary_part.added',
    doneType: 'response.reasoning_summary_part.done',
  },
};

/** The item types of the spec; extension and unknown types are not judged by their parts. */
const CORE_ITEM_TYPES: readonly string[] = ['message', 'function_call', 'function_call_output', 'reasoning', 'compaction'];

/** The core item types whose schema has the field of each part scope (`content`, `summary`). */
const ITEMS_WITH_PARTS: Readonly<Record<PartScope, readonly string[]>> = {
  content: ['message', 'reasoning'],
  summary: ['reasoning'],
};

/** True for an item type of the spec; extension and unknown types are not judged by their events. */
export function isCoreItemType(itemType: string | undefined): itemType is string {
  return CORE_ITEM_TYPES.some((type) => type === itemType);
}

/** True for a core item type that has no parts of `scope` (a function call has no `content`). */
export function itemTypeLacksParts(itemType: string | undefined, scope: PartScope): boolean {
  return isCoreItemType(itemType) && !ITEMS_WITH_PARTS[scope].includes(itemType);
}

/** A kind of streamed text: its delta and done events, and the field of the done event. */
export interface TextFamily {
  name: 'output_text' | 'refusal' | 'reasoning' | 'summary';
  scope: PartScope;
  deltaType: string;
  doneType: string;
  /** The part `type` whose text this family streams. */
  partType: string;
  /** Field of the done event that holds the whole text. */
  doneField: 'text' | 'refusal';
  /** Catalogue row for "the done text equals the deltas". */
  requirement: 'SSE-C-01' | 'SSE-C-04';
}

export const TEXT_FAMILIES: readonly TextFamily[] = [
  {
    name: 'output_text',
    partType: 'output_text',
    scope: 'content',
    deltaType: 'response.output_text.delta',
    doneType: 'response.output_text.done',
    doneField: 'text',
    requirement: 'SSE-C-01',
  },
  {
    name: 'refusal',
    partType: 'refusal',
    scope: 'content',
    deltaType: 'response.refusal.delta',
    doneType: 'response.refusal.done',
    doneField: 'refusal',
    requirement: 'SSE-C-04',
  },
  {
    name: 'reasoning',
    partType: 'reasoning_text',
    scope: 'content',
    deltaType: 'response.reasoning.delta',
    doneType: 'response.reasoning.done',
    doneField: 'text',
    requirement: 'SSE-C-04',
  },
  {
    name: 'summary',
    partType: 'summary_text',
    scope: 'summary',
    deltaType: 'response.reasoning_summary_text.delta',
    doneType: 'response.reasoning_summary_text.done',
    doneField: 'text',
    requirement: 'SSE-C-04',
  },
];

/** The family that streams parts of type `partType`; undefined for parts that are not streamed. */
export function familyOfPartType(partType: string | undefined): TextFamily | undefined {
  return partType === undefined ? undefined : FAMILY_OF_PART_TYPE.get(partType);
}

const FAMILY_OF_PART_TYPE = new Map(TEXT_FAMILIES.map((family) => [family.partType, family]));

/** What one core event does. */
export type EventRole =
  | { kind: 'lifecycle'; statuses: readonly string[]; terminal: boolean }
  | { kind: 'error' }
  | { kind: 'item-added' }
  | { kind: 'item-done' }
  | { kind: 'part-added'; scope: PartScope }
  | { kind: 'part-done'; scope: PartScope }
  | { kind: 'text-delta'; family: TextFamily }
  | { kind: 'text-done'; family: TextFamily }
  | { kind: 'annotation-added' }
  | { kind: 'arguments-delta' }
  | { kind: 'arguments-done' };

export type EventRoleKind = EventRole['kind'];

/** The roles of delta events: the pieces of an answer a stream delivers as they are generated. */
export const DELTA_ROLE_KINDS: readonly EventRoleKind[] = ['text-delta', 'arguments-delta'];

const ROLES = new Map<string, EventRole>([
  ['response.created', { kind: 'lifecycle', statuses: ['in_progress', 'queued'], terminal: false }],
  ['response.queued', { kind: 'lifecycle', statuses: ['queued'], terminal: false }],
  ['response.in_progress', { kind: 'lifecycle', statuses: ['in_progress'], terminal: false }],
  ['response.completed', { kind: 'lifecycle', statuses: ['completed'], terminal: true }],
  ['response.failed', { kind: 'lifecycle', statuses: ['failed'], terminal: true }],
  ['response.incomplete', { kind: 'lifecycle', statuses: ['incomplete'], terminal: true }],
  ['error', { kind: 'error' }],
  ['response.output_item.added', { kind: 'item-added' }],
  ['response.output_item.done', { kind: 'item-done' }],
  ['response.content_part.added', { kind: 'part-added', scope: 'content' }],
  ['response.content_part.done', { kind: 'part-done', scope: 'content' }],
  ['response.reasoning_summary_part.added', { kind: 'part-added', scope: 'summary' }],
  ['response.reasoning_summary_part.done', { kind: 'part-done', scope: 'summary' }],
  ['response.output_text.annotation.added', { kind: 'annotation-added' }],
  ['response.function_call_arguments.delta', { kind: 'arguments-delta' }],
  ['response.function_call_arguments.done', { kind: 'arguments-done' }],
  ...TEXT_FAMILIES.flatMap((family): [string, EventRole][] => [
    [family.deltaType, { kind: 'text-delta', family }],
    [family.doneType, { kind: 'text-done', family }],
  ]),
]);

/** Every role kind of a core event, for tables indexed by it. */
export const EVENT_ROLE_KINDS: readonly EventRoleKind[] = [...new Set([...ROLES.values()].map((role) => role.kind))];

/** The role of a core event type; undefined for extension and unknown types. */
export function eventRole(type: string): EventRole | undefined {
  return ROLES.get(type);
}

/** True for events that belong to one output item (everything but lifecycle and error events). */
export function isItemEvent(role: EventRole): boolean {
  return role.kind !== 'lifecycle' && role.kind !== 'error';
}

/** The events that end a response, on either transport. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/** An implementor-prefixed extension type such as `acme:trace_event` (EXT-01, EXT-05, EXT-13). */
export function isExtensionType(type: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:]/.test(type);
}

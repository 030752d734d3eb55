/**
 * The reference syntax of scenario bodies: values taken from earlier steps' answers.
 *
 * - `{ "$ref": "<path>" }` is replaced by the value at `<path>`.
 * - `{ "$splice": "<path>" }` as an array element is replaced by the elements of that array.
 *
 * A path starts with a step name (`turn-1`: that step's final response, the JSON body or the
 * stream's terminal snapshot) or `model` (the run's model). Then, separated by dots: a property
 * name, an array index (`output.0`), or a filter picking the first array element whose field has
 * a value (`output[type=function_call]`). Example: `turn-1.output[type=function_call].call_id`.
 */
import { isRecord } from '../protocol/json.js';
import type { JsonValue } from './record.js';

/** What a reference can point at: the run's model and the earlier steps' answers by name. */
export interface ReferenceScope {
  model: string;
  steps: ReadonlyMap<string, Record<string, unknown> | undefined>;
}

/** Why a body could not be built: a reference whose value an earlier step did not give. */
export class UnresolvedReference extends Error {}

const SEGMENT = /^([^[\]]+)?(?:\[([^=\]]+)=([^\]]*)\])?$/;

/** A path's segments, or the reason it is malformed. */
export function parsePath(path: string): { segments: string[] } | { error: string } {
  const segments = path.split('.');
  if (segments.some((s) => s === '' || !SEGMENT.test(s))) return { error: `malformed reference path "${path}"` };
  return { segments };
}

/** Every reference in a body template, for checking names before anything is sent. */
export function referencesIn(template: JsonValue): string[] {
  return referenceSites(template).map((site) => site.path);
}

/** A reference in a body template and where it stands, so a scenario file can name its line. */
export interface ReferenceSite {
  path: string;
  splice: boolean;
  /** The keys and indexes from the body down to the reference object. */
  at: (string | number)[];
  /** Whether it is an array element: the only place a `$splice` may stand. */
  inArray: boolean;
}

/** Every reference in a body template, with its place. */
export function referenceSites(template: JsonValue, at: (string | number)[] = [], inArray = false): ReferenceSite[] {
  if (isJsonArray(template)) return template.flatMap((element, i) => referenceSites(element, [...at, i], true));
  if (template === null || typeof template !== 'object') return [];
  const ref = referenceOf(template);
  if (ref !== undefined) return [{ ...ref, at, inArray }];
  return Object.entries(template).flatMap(([key, value]) => referenceSites(value, [...at, key]));
}

// Array.isArray does not narrow a readonly array type.
function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function referenceOf(value: { readonly [key: string]: JsonValue }): { path: string; splice: boolean } | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$ref' && typeof value.$ref === 'string') return { path: value.$ref, splice: false };
  if (keys[0] === '$splice' && typeof value.$splice === 'string') return { path: value.$splice, splice: true };
  return undefined;
}

/** The body with every reference replaced; throws UnresolvedReference when a value is missing. */
export function resolveTemplate(template: JsonValue, scope: ReferenceScope): unknown {
  if (isJsonArray(template)) {
    return template.flatMap((element) => {
      const ref = element !== null && typeof element === 'object' && !isJsonArray(element) ? referenceOf(element) : undefined;
      if (ref?.splice) {
        const value = lookup(ref.path, scope);
        if (!Array.isArray(value)) throw new UnresolvedReference(`${ref.path} is not an array`);
        return structuredClone(value);
      }
      return [resolveTemplate(element, scope)];
    });
  }
  if (template === null || typeof template !== 'object') return template;
  const ref = referenceOf(template);
  if (ref !== undefined) {
    if (ref.splice) throw new UnresolvedReference(`$splice "${ref.path}" is allowed only as an array element`);
    return structuredClone(lookup(ref.path, scope));
  }
  return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, resolveTemplate(value, scope)]));
}

function lookup(path: string, scope: ReferenceScope): unknown {
  const parsed = parsePath(path);
  if ('error' in parsed) throw new UnresolvedReference(parsed.error);
  const [head, ...rest] = parsed.segments;
  if (head === 'model' && rest.length === 0) return scope.model;
  if (!scope.steps.has(head)) throw new UnresolvedReference(`no earlier step named "${head}"`);
  let value: unknown = scope.steps.get(head);
  for (const segment of rest) {
    value = step(value, segment);
    if (value === undefined) throw new UnresolvedReference(`${path}: nothing at "${segment}"`);
  }
  if (value === undefined) throw new UnresolvedReference(`${path}: the step gave no response`);
  return value;
}

function step(value: unknown, segment: string): unknown {
  const [, key, field, wanted] = SEGMENT.exec(segment) ?? [];
  let current: unknown = value;
  if (key !== undefined) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else current = isRecord(current) ? current[key] : undefined;
  }
  if (field !== undefined) {
    current = Array.isArray(current) ? current.find((element) => isRecord(element) && String(element[field]) === wanted) : undefined;
  }
  return current;
}

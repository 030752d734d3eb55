/**
 * The component schemas as Ajv compiles them: one root schema (`ROOT_ID`) holding every component
 * under `$defs`, with the document's `$ref`s rewritten to point there. Runtime compilation and the
 * build's generated validators both start from these definitions, so they address schemas alike.
 */
import { isRecord, pointerSegment, valueAtPointer } from '../protocol/json.js';
import type { JsonSchema } from './load.js';

export const ROOT_ID = 'urn:openresponses:openapi';

/** The `$ref` URI of a component schema. */
export function componentRef(name: string): string {
  return `${ROOT_ID}#/$defs/${name}`;
}

/** The components, refs rewritten and unusable discriminators dropped, keyed by name. */
export function specDefinitions(components: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(components)) {
    defs[name] = rewriteRefs(dropUnusableDiscriminator(schema, components)) as JsonSchema;
  }
  return defs;
}

/** The schema a `$ref` URI under `ROOT_ID` points at; undefined for any other URI or a dangling one. */
export function schemaAtRef(defs: Record<string, JsonSchema>, ref: string): Record<string, unknown> | undefined {
  const prefix = `${ROOT_ID}#`;
  if (!ref.startsWith(prefix)) return undefined;
  const target = valueAtPointer({ $defs: defs }, decodeURIComponent(ref.slice(prefix.length)));
  return isRecord(target) ? target : undefined;
}

/**
 * Every `oneOf`/`anyOf` branch with the `$ref` URI that addresses it: its own `$ref`, or where it
 * is written inline, its place under `ROOT_ID`. Narrowing a failed union validates the value
 * against one branch, so each needs a validator.
 */
export function unionBranches(defs: Record<string, JsonSchema>): { ref: string; branch: Record<string, unknown> }[] {
  const found: { ref: string; branch: Record<string, unknown> }[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${pointer}/${i}`));
      return;
    }
    if (!isRecord(node)) return;
    for (const keyword of ['oneOf', 'anyOf']) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      branches.forEach((branch, i) => {
        if (isRecord(branch)) found.push({ ref: typeof branch.$ref === 'string' ? branch.$ref : `${ROOT_ID}#${pointer}/${keyword}/${i}`, branch });
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (!isValueKeyword(key)) walk(value, `${pointer}/${encodeURIComponent(pointerSegment(key))}`);
    }
  };
  walk(defs, '/$defs');
  return found;
}

/** Keywords whose value is data, not schemas: an `anyOf` inside an example is no union. */
function isValueKeyword(key: string): boolean {
  return ['const', 'enum', 'default', 'example', 'examples'].includes(key) || key.startsWith('x-');
}

/** `example` and every `x-*` key used anywhere in the components. */
export function annotationKeywords(node: unknown, found = new Set<string>(['example'])): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) annotationKeywords(item, found);
  } else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      annotationKeywords(value, found);
    }
  }
  return found;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', `${ROOT_ID}#/$defs/`)
        : rewriteRefs(value);
  }
  return out;
}

/**
 * Ajv (like OpenAPI) needs every `oneOf` branch of a discriminated union to require its tag with a
 * const or enum. Where a branch does not (`ItemParam`: an `item_reference` may omit `type`), the
 * discriminator is only a hint, and plain `oneOf` gives the same verdict.
 */
function dropUnusableDiscriminator(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const discriminator = schema.discriminator;
  if (!isRecord(discriminator) || !Array.isArray(schema.oneOf)) return schema;
  const tag = String(discriminator.propertyName);
  const usable = schema.oneOf.every((branch) => branchRequiresTag(branch, tag, components));
  if (usable) return schema;
  const { discriminator: _unusable, ...rest } = schema;
  return rest;
}

function branchRequiresTag(branch: unknown, tag: string, components: Record<string, JsonSchema>): boolean {
  const ref = isRecord(branch) ? branch.$ref : undefined;
  const target = typeof ref === 'string' ? components[ref.replace('#/components/schemas/', '')] : branch;
  if (!isRecord(target) || !Array.isArray(target.required) || !target.required.includes(tag)) return false;
  const props = target.properties;
  const tagSchema = isRecord(props) ? props[tag] : undefined;
  return isRecord(tagSchema) && (tagSchema.const !== undefined || Array.isArray(tagSchema.enum));
}

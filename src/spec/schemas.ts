import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaIssue, SchemaValidator } from '../checks/types.js';
import { UsageError } from '../cli/errors.js';
import { isRecord, type JsonSchema, type OpenApiDocument } from './load.js';
import { describeValue, valueAtPointer } from './values.js';

const ROOT_ID = 'urn:openresponses:openapi';
const addFormats = addFormatsModule.default;

/**
 * Compiles the component schemas of an OpenAPI 3.1 document with Ajv's 2020-12 dialect in strict
 * mode. OpenAPI's own keywords are registered instead of switching strictness off:
 * `discriminator` through Ajv's support for it, and `example` plus every `x-*` extension keyword
 * as annotation-only vocabulary. Validators are compiled lazily, once each.
 */
export function createSchemaValidator(document: OpenApiDocument): SchemaValidator {
  const components = document.components.schemas;
  const ajv = new Ajv2020({
    discriminator: true,
    allErrors: true,
    // strictTypes stays "log"; its notes (discriminator without type: object) are not actionable.
    logger: { log() {}, warn() {}, error() {} },
  });
  addFormats(ajv);
  ajv.addVocabulary([...annotationKeywords(components)]);

  const defs: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(components)) {
    defs[name] = rewriteRefs(dropUnusableDiscriminator(schema, components)) as JsonSchema;
  }
  try {
    ajv.addSchema({ $id: ROOT_ID, $defs: defs });
  } catch (err) {
    throw new UsageError(`the spec's component schemas are not valid JSON Schema: ${(err as Error).message}`);
  }

  const compiled = new Map<string, ValidateFunction>();
  const eventSchemas = eventSchemaNames(components);

  function validatorFor(name: string): ValidateFunction {
    let fn = compiled.get(name);
    if (!fn) {
      if (!(name in components)) throw new Error(`no component schema named ${name}`);
      try {
        fn = ajv.getSchema(`${ROOT_ID}#/$defs/${name}`) as ValidateFunction;
      } catch (err) {
        throw new UsageError(`the spec's schema ${name} does not compile: ${(err as Error).message}`);
      }
      compiled.set(name, fn);
    }
    return fn;
  }

  // Tool parameter schemas are the client's own JSON Schema, in any dialect and with any keywords,
  // so they get their own non-strict instance; each is compiled once, keyed by its object.
  let lenient: Ajv2020 | undefined;
  const foreign = new WeakMap<object, ValidateFunction | null>();
  function foreignValidator(schema: Record<string, unknown>): ValidateFunction | undefined {
    if (!foreign.has(schema)) {
      lenient ??= new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
      try {
        foreign.set(schema, lenient.compile(schema));
      } catch {
        foreign.set(schema, null);
      }
    }
    return foreign.get(schema) ?? undefined;
  }

  return {
    has: (name) => name in components,
    validate(name, value) {
      const fn = validatorFor(name);
      return fn(value) ? [] : toIssues(fn.errors ?? [], value);
    },
    eventSchemaFor: (type) => eventSchemas.get(type),
    validateAgainst(schema, value) {
      const fn = foreignValidator(schema);
      if (fn === undefined) return undefined;
      return fn(value) ? [] : toIssues(fn.errors ?? [], value);
    },
  };
}

/** `example` and every `x-*` key used anywhere in the components. */
function annotationKeywords(node: unknown, found = new Set<string>(['example'])): Set<string> {
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

/** Maps each streaming event `type` to the component schema that defines it. */
function eventSchemaNames(components: Record<string, JsonSchema>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, schema] of Object.entries(components)) {
    if (!name.endsWith('StreamingEvent')) continue;
    const props = schema.properties;
    const typeSchema = isRecord(props) ? props.type : undefined;
    if (!isRecord(typeSchema)) continue;
    const values = Array.isArray(typeSchema.enum) ? typeSchema.enum : typeSchema.const !== undefined ? [typeSchema.const] : [];
    for (const value of values) if (typeof value === 'string') map.set(value, name);
  }
  return map;
}

/**
 * Turns Ajv's errors into one issue per real problem. A nullable field is `anyOf: [X, null]`, so a
 * bad value yields X's errors, "must be null" and "must match a schema in anyOf"; only X's errors
 * say what is wrong, so the union noise is dropped whenever a more specific error exists.
 */
function toIssues(errors: ErrorObject[], root: unknown): SchemaIssue[] {
  const specific = errors.filter((e) => !isUnionNoise(e, errors));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of chosen) {
    const issue = toIssue(error, root);
    const key = `${issue.path}|${issue.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function isUnionNoise(error: ErrorObject, all: ErrorObject[]): boolean {
  if (error.keyword === 'type' && error.params.type === 'null') return true;
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    // Branch errors of a `$ref`'d schema carry that schema's path, so relate them by instance path.
    return all.some(
      (other) =>
        other !== error &&
        !isNullBranch(other) &&
        other.keyword !== error.keyword &&
        (other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`)),
    );
  }
  return false;
}

function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === 'type' && error.params.type === 'null';
}

function toIssue(error: ErrorObject, root: unknown): SchemaIssue {
  const at = error.instancePath || '';
  const value = valueAtPointer(root, at);
  const where = at || '(root)';
  switch (error.keyword) {
    case 'required': {
      const path = `${at}/${String(error.params.missingProperty)}`;
      return issue(path, `required property "${String(error.params.missingProperty)}"`, 'missing');
    }
    case 'type':
      return issue(where, `type ${String(error.params.type)}`, describeValue(value));
    case 'enum':
      return issue(where, `one of ${JSON.stringify(error.params.allowedValues)}`, describeValue(value));
    case 'const':
      return issue(where, JSON.stringify(error.params.allowedValue), describeValue(value));
    case 'discriminator': {
      const tag = String(error.params.tag);
      return issue(`${at}/${tag}`, `a known "${tag}" value`, describeValue(error.params.tagValue));
    }
    case 'additionalProperties':
      return issue(`${at}/${String(error.params.additionalProperty)}`, 'no such property', 'present');
    default:
      return issue(where, `value that ${error.message ?? error.keyword}`, describeValue(value));
  }
}

function issue(path: string, expected: string, actual: string): SchemaIssue {
  return { path, expected, actual, message: `${path}: expected ${expected}, saw ${actual}` };
}

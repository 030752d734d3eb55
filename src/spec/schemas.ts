import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020Class } from './ajv.js';
import type { SchemaIssue, SchemaValidator } from '../checks/types.js';
import { ConfigurationError } from '../core/errors.js';
import { runtimeSchemas, type CompiledSchemas, type Validator } from './compile.js';
import { componentRef, schemaAtRef, specDefinitions } from './definitions.js';
import { type JsonSchema, type OpenApiDocument } from './load.js';
import { isRecord, valueAtPointer } from '../protocol/json.js';
import { describeValue } from './values.js';

/** Validates against a document's component schemas, compiled at run time, lazily, once each. */
export function createSchemaValidator(document: OpenApiDocument): SchemaValidator {
  const defs = specDefinitions(document.components.schemas);
  return schemaValidatorOver(document, defs, runtimeSchemas(document.components.schemas, defs));
}

/**
 * The validator over compiled schemas, however they were compiled (at run time or by the build);
 * `defs` are the definitions they were compiled from.
 */
export function schemaValidatorOver(document: OpenApiDocument, defs: Record<string, JsonSchema>, compiled: CompiledSchemas): SchemaValidator {
  const components = document.components.schemas;
  const validators = new Map<string, Validator>();
  const eventSchemas = eventSchemaNames(components);

  function validatorFor(name: string): Validator {
    let fn = validators.get(name);
    if (!fn) {
      if (!(name in components)) throw new Error(`no component schema named ${name}`);
      try {
        fn = compiled.byRef(componentRef(name)) as Validator;
      } catch (err) {
        throw new ConfigurationError(`the spec's schema ${name} does not compile: ${(err as Error).message}`);
      }
      validators.set(name, fn);
    }
    return fn;
  }

  // Tool parameter schemas are the client's own JSON Schema, in any dialect and with any keywords,
  // so they get their own non-strict instance; each is compiled once, keyed by its object.
  let lenient: Ajv2020 | undefined;
  const foreign = new WeakMap<object, ValidateFunction | null>();
  function foreignValidator(schema: Record<string, unknown>): ValidateFunction | undefined {
    if (!foreign.has(schema)) {
      lenient ??= new (ajv2020Class())({ strict: false, allErrors: true, validateSchema: false, logger: false });
      try {
        foreign.set(schema, lenient.compile(schema));
      } catch {
        foreign.set(schema, null);
      }
    }
    return foreign.get(schema) ?? undefined;
  }

  const branchValidators = new WeakMap<object, Validator>();
  const unionBranches: UnionBranches = {
    resolve(branch) {
      if (!isRecord(branch)) return undefined;
      return typeof branch.$ref === 'string' ? schemaAtRef(defs, branch.$ref) : branch;
    },
    errors(branch, value) {
      let fn = branchValidators.get(branch);
      if (!fn) {
        fn = typeof branch.$ref === 'string' ? compiled.byRef(branch.$ref) : compiled.byBranch(branch);
        if (!fn) return [];
        branchValidators.set(branch, fn);
      }
      return fn(value) ? [] : [...(fn.errors ?? [])];
    },
  };

  return {
    has: (name) => name in components,
    validate(name, value) {
      const fn = validatorFor(name);
      return fn(value) ? [] : toIssues(fn.errors ?? [], value, unionBranches);
    },
    eventSchemaFor: (type) => eventSchemas.get(type),
    validateAgainst(schema, value) {
      const fn = foreignValidator(schema);
      if (fn === undefined) return undefined;
      return fn(value) ? [] : toIssues(fn.errors ?? [], value);
    },
  };
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

/** Reads the branches of a `oneOf`/`anyOf` and validates a value against one of them. */
interface UnionBranches {
  /** The branch's schema, its `$ref` followed. */
  resolve(branch: unknown): Record<string, unknown> | undefined;
  errors(branch: Record<string, unknown>, value: unknown): ErrorObject[];
}

/**
 * Turns Ajv's errors into one issue per real problem. A failed `oneOf`/`anyOf` makes Ajv report
 * every branch; where the value's discriminator (`type`, or the union's OpenAPI `discriminator`)
 * picks one branch, only that branch's errors are kept, and a tag no branch declares is one issue.
 * A nullable field is `anyOf: [X, null]`, so a bad value yields X's errors, "must be null" and
 * "must match a schema in anyOf"; only X's errors say what is wrong, so the union noise is
 * dropped whenever a more specific error exists.
 */
function toIssues(errors: ErrorObject[], root: unknown, unions?: UnionBranches): SchemaIssue[] {
  const narrowed = unions ? narrowUnions(errors, root, unions) : { errors, issues: [] };
  const specific = narrowed.errors.filter((e) => !isUnionNoise(e, narrowed.errors) && !explainedBy(e, narrowed.issues));
  const chosen = specific.length > 0 || narrowed.issues.length > 0 ? specific : narrowed.errors;
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const issue of [...chosen.map((error) => toIssue(error, root)), ...narrowed.issues]) {
    const key = `${issue.path}|${issue.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * Replaces the errors of each failed union whose branch the discriminator decides (outermost
 * first) by that branch's own issues, or by one issue naming the tags when none declares the
 * value's. Unions it cannot decide keep their errors.
 */
function narrowUnions(errors: ErrorObject[], root: unknown, unions: UnionBranches): { errors: ErrorObject[]; issues: SchemaIssue[] } {
  let remaining = errors;
  const issues: SchemaIssue[] = [];
  const failedUnions = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const union of failedUnions) {
    if (!remaining.includes(union)) continue;
    const at = union.instancePath;
    const value = valueAtPointer(root, at);
    const choice = chooseBranch(union, value, unions);
    if (choice === undefined) continue;
    remaining = remaining.filter((e) => e.instancePath !== at && !e.instancePath.startsWith(`${at}/`));
    if ('branch' in choice) {
      const branchErrors = unions.errors(choice.branch, value).map((e) => ({ ...e, instancePath: `${at}${e.instancePath}` }));
      issues.push(...toIssues(branchErrors, root, unions));
    } else {
      const path = `${at}/${choice.tag}`;
      const shown = choice.known.join(', ');
      issues.push({
        path,
        expected: `one of ${shown}`,
        actual: describeValue(choice.value),
        message: `${path}: ${choice.tag} ${describeValue(choice.value)} is not one of: ${shown}`,
      });
    }
  }
  return { errors: remaining, issues };
}

/** A union error an issue inside its value already explains (an outer union around a narrowed one). */
function explainedBy(error: ErrorObject, issues: readonly SchemaIssue[]): boolean {
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return false;
  return issues.some((issue) => issue.path === error.instancePath || issue.path.startsWith(`${error.instancePath}/`));
}

type BranchChoice = { branch: Record<string, unknown> } | { tag: string; value: string; known: string[] };

/**
 * The branch a union's discriminator picks for `value`: the one whose tag property (`const` or
 * `enum`) holds the value's tag. Undefined when that cannot be told: the value has no string tag,
 * several branches match (or `oneOf` passed more than one), or a branch declares no tag yet could
 * take an object.
 */
function chooseBranch(union: ErrorObject, value: unknown, unions: UnionBranches): BranchChoice | undefined {
  if (!Array.isArray(union.schema) || !isRecord(value) || Array.isArray(union.params.passingSchemas)) return undefined;
  const discriminator = isRecord(union.parentSchema) ? union.parentSchema.discriminator : undefined;
  const tag = isRecord(discriminator) && typeof discriminator.propertyName === 'string' ? discriminator.propertyName : 'type';
  const tagValue = value[tag];
  if (typeof tagValue !== 'string') return undefined;
  const known: string[] = [];
  const matching: Record<string, unknown>[] = [];
  for (const branch of union.schema) {
    const schema = unions.resolve(branch);
    if (schema === undefined || !isRecord(branch)) return undefined;
    const tags = declaredTags(schema, tag);
    if (tags === undefined) {
      if (acceptsObjects(schema)) return undefined;
      continue;
    }
    known.push(...tags);
    if (tags.includes(tagValue)) matching.push(branch);
  }
  if (matching.length === 1) return { branch: matching[0] };
  if (matching.length === 0 && known.length > 0) return { tag, value: tagValue, known };
  return undefined;
}

/** The values a branch allows for its tag property, when it declares them with `const` or `enum`. */
function declaredTags(schema: Record<string, unknown>, tag: string): string[] | undefined {
  const props = schema.properties;
  const tagSchema = isRecord(props) ? props[tag] : undefined;
  if (!isRecord(tagSchema)) return undefined;
  if (typeof tagSchema.const === 'string') return [tagSchema.const];
  return Array.isArray(tagSchema.enum) ? tagSchema.enum.filter((v): v is string => typeof v === 'string') : undefined;
}

/** False only for a branch whose `type` rules objects out (a string enum, `null`). */
function acceptsObjects(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  if (type === undefined) return true;
  return Array.isArray(type) ? type.includes('object') : type === 'object';
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

/**
 * The one Ajv configuration for the spec's component schemas, used by runtime compilation and by
 * the build's code generator alike: the options decide the errors, so both must share them.
 */
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { addFormats, ajv2020Class } from './ajv.js';
import { ConfigurationError } from '../core/errors.js';
import { annotationKeywords, ROOT_ID } from './definitions.js';
import type { JsonSchema } from './load.js';

/** A compiled validator, as Ajv and its standalone code both give it: the verdict, then `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validators of one document's component schemas, however they were compiled. */
export interface CompiledSchemas {
  /** The validator of a `$ref` URI; undefined when nothing is there. Throws when it does not compile. */
  byRef(ref: string): Validator | undefined;
  /** The validator of a union branch written inline, given its schema object. */
  byBranch(branch: Record<string, unknown>): Validator;
}

/**
 * Ajv's 2020-12 dialect in strict mode, holding the definitions under `ROOT_ID`. OpenAPI's own
 * keywords are registered instead of switching strictness off: `discriminator` through Ajv's
 * support for it, and `example` plus every `x-*` extension keyword as annotation-only vocabulary.
 * `source` keeps each function's code, for Ajv's standalone code generation.
 */
export function specAjv(components: Record<string, JsonSchema>, defs: Record<string, JsonSchema>, { source }: { source: boolean }): Ajv2020 {
  const ajv = new (ajv2020Class())({
    discriminator: true,
    allErrors: true,
    // Union errors then carry their branches (`schema`) and owner (`parentSchema`), to pick one.
    verbose: true,
    // strictTypes stays "log"; its notes (discriminator without type: object) are not actionable.
    logger: { log() {}, warn() {}, error() {} },
    code: { source },
  });
  addFormats()(ajv);
  ajv.addVocabulary([...annotationKeywords(components)]);
  try {
    ajv.addSchema({ $id: ROOT_ID, $defs: defs });
  } catch (err) {
    throw new ConfigurationError(`the spec's component schemas are not valid JSON Schema: ${(err as Error).message}`);
  }
  return ajv;
}

/** Compiles at run time, each schema on first use (Ajv keeps what it compiled). */
export function runtimeSchemas(components: Record<string, JsonSchema>, defs: Record<string, JsonSchema>): CompiledSchemas {
  const ajv = specAjv(components, defs, { source: false });
  return {
    byRef: (ref) => ajv.getSchema(ref),
    byBranch: (branch) => ajv.compile(branch),
  };
}

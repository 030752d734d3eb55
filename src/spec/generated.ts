/**
 * Loads the validators `npm run build` generated for a bundled release (Ajv standalone code in
 * `dist/spec/generated/<release>.cjs`), when they were generated from the very bytes loaded now.
 * Running from `src/`, after an edit to the spec, or for `--spec <file>`, there are none, and the
 * schemas are compiled at run time instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledSchemas, Validator } from './compile.js';
import { unionBranches } from './definitions.js';
import type { JsonSchema, LoadedSpec } from './load.js';

// CommonJS, so the generated modules load synchronously and their `require`s of Ajv's runtime
// helpers (which standalone code emits even as ESM) resolve from where they are installed.
const require = createRequire(import.meta.url);

/** The export holding the sha256 of the `openapi.json` a module was generated from. */
export const SHA256_EXPORT = 'specSha256';

/** The export holding the version of Ajv that generated a module, whose runtime helpers it calls. */
export const AJV_VERSION_EXPORT = 'ajvVersion';

/** The installed Ajv's version: generated code is used only with the Ajv that wrote it. */
export function installedAjvVersion(): string {
  return (require('ajv/package.json') as { version: string }).version;
}

/** Next to this module: `dist/spec/generated` in the build. */
export function generatedDirectory(): string {
  return fileURLToPath(new URL('./generated/', import.meta.url));
}

export function generatedFile(directory: string, release: string): string {
  return join(directory, `${release}.cjs`);
}

/** The generated validators of `spec`, or undefined when there are none for its exact bytes. */
export function generatedSchemas(spec: LoadedSpec, defs: Record<string, JsonSchema>, directory = generatedDirectory()): CompiledSchemas | undefined {
  if (spec.source !== 'bundled') return undefined;
  const file = generatedFile(directory, spec.version);
  if (!existsSync(file)) return undefined;
  const exported = require(file) as Record<string, unknown>;
  if (exported[SHA256_EXPORT] !== spec.sha256 || exported[AJV_VERSION_EXPORT] !== installedAjvVersion()) return undefined;
  const byRef = (ref: string): Validator | undefined => {
    const fn = exported[ref];
    return typeof fn === 'function' ? (fn as Validator) : undefined;
  };
  // An inline branch is known by its content: the objects in errors are the generated module's copies.
  let branchRefs: Map<string, string> | undefined;
  return {
    byRef,
    byBranch(branch) {
      branchRefs ??= new Map(unionBranches(defs).map(({ ref, branch: known }) => [JSON.stringify(known), ref]));
      const ref = branchRefs.get(JSON.stringify(branch));
      const fn = ref === undefined ? undefined : byRef(ref);
      if (!fn) throw new Error(`${file} has no validator for the union branch ${JSON.stringify(branch)}; rebuild`);
      return fn;
    },
  };
}

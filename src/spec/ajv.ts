/**
 * Ajv, loaded on first use: a run on a bundled release uses the validators the build generated and
 * never compiles a schema at run time, so it need not load the compiler at all.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

/** Ajv's 2020-12 dialect class. */
export function ajv2020Class(): typeof Ajv2020 {
  return (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
}

/** ajv-formats' plugin. */
export function addFormats(): typeof addFormatsModule.default {
  return (require('ajv-formats') as typeof addFormatsModule).default;
}

/**
 * The validators `npm run build` ships (Ajv standalone code) against runtime compilation: the
 * modules are generated here by the build's own function, loaded the way a run loads them, and
 * must give the same verdicts, Ajv errors and readable issues on every component schema and
 * union branch of every bundled release, for valid and broken instances alike.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleForSchema } from '../../src/fixtures/schema-sample.js';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { SPEC_VERSION, specSchemas } from '../../src/fixtures/spec-schemas.js';
import { isRecord } from '../../src/protocol/json.js';
import { runtimeSchemas, type CompiledSchemas, type Validator } from '../../src/spec/compile.js';
import { componentRef, ROOT_ID, specDefinitions, unionBranches } from '../../src/spec/definitions.js';
import { generatedFile, generatedSchemas } from '../../src/spec/generated.js';
import { bundledVersions, loadBundledSpec, loadSpec, loadSpecFile, type LoadedSpec, type OpenApiDocument } from '../../src/spec/index.js';
import { createSchemaValidator, schemaValidatorOver } from '../../src/spec/schemas.js';
import { schemaValidatorFor } from '../../src/spec/shared.js';
import { generateValidatorModule, writeGeneratedValidators } from '../../src/spec/standalone.js';
import { richBody, wrapStream } from '../checks/stream-builder.js';
import { validResponse } from '../helpers/responses.js';

const scratch = mkdtempSync(join(tmpdir(), 'orc-generated-'));
// The modules require Ajv's runtime helpers and ajv-formats from where they lie, as in dist/.
symlinkSync(resolve('node_modules'), join(scratch, 'node_modules'));
const directory = join(scratch, 'generated');
const written = writeGeneratedValidators(directory);

/** Both compilations of one document, and a validator over each. */
function bothWays(spec: LoadedSpec) {
  const defs = specDefinitions(spec.document.components.schemas);
  const generated = generatedSchemas(spec, defs, directory);
  if (!generated) throw new Error(`no generated validators for ${spec.version}`);
  return {
    defs,
    generated,
    runtime: runtimeSchemas(spec.document.components.schemas, defs),
    generatedValidator: schemaValidatorOver(spec.document, defs, generated),
    runtimeValidator: createSchemaValidator(spec.document),
  };
}

/** Invalid neighbours of a value, at every depth: a wrong type, an unlisted string, each property missing, an extra property. */
function mutations(value: unknown): unknown[] {
  const found: unknown[] = [];
  const visit = (node: unknown, put: (replacement: unknown) => unknown): void => {
    found.push(put(wrongType(node)));
    if (typeof node === 'string') found.push(put('not-a-listed-value'));
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, (v) => put(node.map((other, j) => (j === i ? v : other)))));
    if (!isRecord(node)) return;
    found.push(put({ ...node, unexpected_property: true }));
    for (const key of Object.keys(node)) {
      const { [key]: _missing, ...rest } = node;
      found.push(put(rest));
      visit(node[key], (v) => put({ ...node, [key]: v }));
    }
  };
  visit(value, (v) => v);
  return found;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'a string';
  if (typeof value === 'boolean') return 'true';
  if (value === null) return 0;
  return Array.isArray(value) ? {} : [];
}

/** A sample value for the schema a `$ref` URI addresses, sampled from the document as written. */
function sampleAt(document: OpenApiDocument, ref: string): unknown {
  const pointer = ref.slice(`${ROOT_ID}#/$defs`.length);
  return sampleForSchema({ $ref: `#/components/schemas${pointer}`, components: document.components });
}

interface Tally {
  valid: number;
  invalid: number;
}

/** Same verdict and same Ajv errors (paths, keywords, params, messages, schema and parentSchema). */
function expectSameErrors(generated: Validator, runtime: Validator, value: unknown, what: string, tally: Tally): void {
  const verdict = runtime(value);
  const runtimeErrors = comparable(runtime.errors);
  expect(generated(value), what).toBe(verdict);
  expect(comparable(generated.errors), what).toEqual(runtimeErrors);
  tally[verdict ? 'valid' : 'invalid'] += 1;
}

// An error's schema and parentSchema can be a whole component: compared as JSON text (key order
// included), written once per schema object, so thousands of comparisons stay quick.
const texts = new WeakMap<object, string>();
function asText(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  let text = texts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    texts.set(schema, text);
  }
  return text;
}

function comparable(errors: Validator['errors']): unknown {
  return errors?.map((error) => ({ ...error, schema: asText(error.schema), parentSchema: asText(error.parentSchema) }));
}

const captured: { schema: string; body: unknown }[] = [];
let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer();
  const requests = [
    { model: 'm', input: 'Tell me about the sea.' },
    {
      model: 'm',
      input: 'Check the weather in Paris.',
      reasoning: { summary: 'concise' },
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }],
    },
  ];
  const schemas = specSchemas();
  for (const request of requests) {
    captured.push({ schema: 'CreateResponseBody', body: request });
    const post = (stream: boolean) =>
      fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...request, stream }) }).then((r) => r.text());
    captured.push({ schema: 'ResponseResource', body: JSON.parse(await post(false)) });
    for (const line of (await post(true)).split('\n')) {
      if (!line.startsWith('data: {')) continue;
      const event = JSON.parse(line.slice('data: '.length)) as Record<string, unknown>;
      captured.push({ schema: schemas.eventSchemaFor(String(event.type)) ?? 'ResponseResource', body: event });
    }
  }
  captured.push({ schema: 'ResponseResource', body: validResponse() });
  for (const event of wrapStream(richBody())) captured.push({ schema: specSchemas().eventSchemaFor(String(event.type)) ?? 'ResponseResource', body: event });
});
afterAll(() => server.close());

describe('the generated modules', () => {
  it('are one per bundled release, each tied to the sha256 of its openapi.json', () => {
    expect(written).toEqual(bundledVersions().map((release) => generatedFile(directory, release)));
    const load = createRequire(import.meta.url);
    for (const release of bundledVersions()) {
      const bytes = readFileSync(join('spec', release, 'openapi.json'));
      expect((load(generatedFile(directory, release)) as { specSha256: string }).specSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('are not used for another document, a --spec file, or where there are none (src/ has none)', () => {
    const spec = loadBundledSpec();
    const defs = specDefinitions(spec.document.components.schemas);
    expect(generatedSchemas(spec, defs, directory)).toBeDefined();
    expect(generatedSchemas({ ...spec, sha256: createHash('sha256').update('edited').digest('hex') }, defs, directory)).toBeUndefined();
    const copy = join(scratch, 'openapi.json');
    writeFileSync(copy, readFileSync(join('spec', spec.version, 'openapi.json')));
    expect(generatedSchemas(loadSpecFile(copy), defs, directory)).toBeUndefined();
    expect(generatedSchemas(spec, defs)).toBeUndefined();
    // Written by another Ajv: its generated code calls that Ajv's runtime helpers, so it is not used.
    const otherAjv = join(scratch, 'other-ajv');
    mkdirSync(otherAjv, { recursive: true });
    const module = readFileSync(generatedFile(directory, spec.version), 'utf8');
    writeFileSync(generatedFile(otherAjv, spec.version), module.replace(/exports\.ajvVersion = "[^"]*";/, 'exports.ajvVersion = "0.0.1";'));
    expect(module).toMatch(/exports\.ajvVersion = "\d+\.\d+\.\d+";/);
    expect(generatedSchemas(spec, defs, otherAjv)).toBeUndefined();
  });
});

describe.each(bundledVersions())('generated against runtime-compiled validators of %s', (release) => {
  const spec = loadBundledSpec(release);
  const ways = bothWays(spec);
  const names = Object.keys(spec.document.components.schemas);

  it('agree on every component schema, for its sample, the sample of every other component and their breakages', () => {
    const tally: Tally = { valid: 0, invalid: 0 };
    const samples = names.map((name) => sampleAt(spec.document, componentRef(name)));
    names.forEach((name, index) => {
      const generated = ways.generated.byRef(componentRef(name));
      const runtime = ways.runtime.byRef(componentRef(name));
      if (!generated || !runtime) throw new Error(`no validator for ${name}`);
      for (const value of [...samples, ...mutations(samples[index])]) {
        expectSameErrors(generated, runtime, value, name, tally);
        expect(ways.generatedValidator.validate(name, value), name).toEqual(ways.runtimeValidator.validate(name, value));
      }
    });
    expect(tally.valid).toBeGreaterThan(names.length / 2);
    expect(tally.invalid).toBeGreaterThan(tally.valid);
  });

  it('agree on every union branch, the ones written inline found by their content', () => {
    const tally: Tally = { valid: 0, invalid: 0 };
    const branches = unionBranches(ways.defs);
    expect(branches.some(({ branch }) => typeof branch.$ref !== 'string')).toBe(true);
    for (const { ref, branch } of branches) {
      const pick = (compiled: CompiledSchemas) => (typeof branch.$ref === 'string' ? compiled.byRef(ref) : compiled.byBranch(branch));
      const generated = pick(ways.generated);
      const runtime = pick(ways.runtime);
      if (!generated || !runtime) throw new Error(`no validator for ${ref}`);
      const sample = sampleAt(spec.document, ref);
      for (const value of [sample, ...mutations(sample)]) expectSameErrors(generated, runtime, value, ref, tally);
    }
    expect(tally.valid).toBeGreaterThan(0);
    expect(tally.invalid).toBeGreaterThan(tally.valid);
  });

  it('agree on captured bodies (requests, responses and stream events of the reference server and the test streams) and their breakages', () => {
    const tally: Tally = { valid: 0, invalid: 0 };
    for (const { schema, body } of captured) {
      const generated = ways.generated.byRef(componentRef(schema));
      const runtime = ways.runtime.byRef(componentRef(schema));
      if (!generated || !runtime) throw new Error(`no validator for ${schema}`);
      for (const value of [body, ...mutations(body)]) {
        expectSameErrors(generated, runtime, value, schema, tally);
        expect(ways.generatedValidator.validate(schema, value), schema).toEqual(ways.runtimeValidator.validate(schema, value));
      }
    }
    expect(tally.valid).toBeGreaterThan(0);
  });
});

describe('string formats in generated code', () => {
  // The bundled releases use no `format`; a release that does must get ajv-formats' checks.
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { version: 'formats' },
    components: {
      schemas: {
        Stamp: {
          type: 'object',
          properties: {
            at: { type: 'string', format: 'date-time' },
            mail: { type: 'string', format: 'email' },
            day: { type: 'string', format: 'date', formatMinimum: '2020-01-01' },
          },
        },
      },
    },
  };

  it('imports ajv-formats and judges formats as runtime compilation does', () => {
    const code = generateValidatorModule(document, 'formats-sha');
    expect(code).toContain('require("ajv-formats/dist/formats")');
    writeFileSync(generatedFile(directory, 'formats'), code);
    const spec: LoadedSpec = { version: 'formats', source: 'bundled', sha256: 'formats-sha', document };
    const ways = bothWays(spec);
    const generated = ways.generated.byRef(componentRef('Stamp'));
    const runtime = ways.runtime.byRef(componentRef('Stamp'));
    if (!generated || !runtime) throw new Error('no validator for Stamp');
    const tally: Tally = { valid: 0, invalid: 0 };
    const good = { at: '2025-01-01T00:00:00Z', mail: 'a@example.com', day: '2025-01-01' };
    const bad = { at: 'yesterday', mail: 'nobody', day: '2019-12-31' };
    for (const value of [good, bad, ...mutations(good)]) expectSameErrors(generated, runtime, value, 'Stamp', tally);
    expect(generated(good)).toBe(true);
    expect(generated(bad)).toBe(false);
    expect(generated.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/at', 'format'], ['/mail', 'format'], ['/day', 'formatMinimum']]);
  });
});

describe('one validator per release', () => {
  it('is shared by the suite and the reference server when they use the same release (self-test)', () => {
    expect(schemaValidatorFor(loadSpec({ specVersion: SPEC_VERSION }))).toBe(specSchemas());
    expect(schemaValidatorFor(loadBundledSpec('2026-01-15'))).not.toBe(specSchemas());
  });

  it('is a new one, compiled at run time, for each --spec file', () => {
    const copy = join(scratch, 'spec-file.json');
    writeFileSync(copy, readFileSync(join('spec', SPEC_VERSION, 'openapi.json')));
    const first = schemaValidatorFor(loadSpecFile(copy));
    expect(schemaValidatorFor(loadSpecFile(copy))).not.toBe(first);
    expect(first.validate('ResponseResource', validResponse())).toEqual([]);
  });
});

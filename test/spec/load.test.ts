import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { bundledVersions, createSchemaValidator, loadBundledSpec, loadCurlSnippets, loadSpec, loadSpecFile } from '../../src/spec/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'orc-spec-'));
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('spec loading', () => {
  it('bundles both releases and defaults to the newest', () => {
    expect(bundledVersions()).toEqual(['2026-01-15', '2026-04-24']);
    expect(loadBundledSpec().version).toBe('2026-04-24');
    expect(loadSpec({ specVersion: '2026-01-15' }).document.info.version).toBe('2026-01-15');
  });

  it('rejects an unknown release with the list of bundled ones', () => {
    expect(() => loadBundledSpec('2020-01-01')).toThrow(ConfigurationError);
    expect(() => loadBundledSpec('2020-01-01')).toThrow(/bundled versions: 2026-01-15, 2026-04-24/);
  });

  it('loads a document from a file and refuses unreadable or invalid ones', () => {
    const good = file('good.json', JSON.stringify(loadBundledSpec().document));
    expect(loadSpecFile(good).version).toBe('2026-04-24');
    expect(() => loadSpecFile(join(scratch, 'missing.json'))).toThrow(/cannot read spec file .*ENOENT/);
    expect(() => loadSpecFile(file('bad.json', '{ not json'))).toThrow(/is not JSON/);
    expect(() => loadSpecFile(file('notopenapi.json', '{"a":1}'))).toThrow(/not an OpenAPI document/);
    expect(() => loadSpecFile(file('noschemas.json', '{"openapi":"3.1.0","info":{},"components":{"schemas":{}}}'))).toThrow(/CreateResponseBody/);
  });
});

describe('schema compilation', () => {
  for (const version of ['2026-01-15', '2026-04-24']) {
    it(`compiles every component schema of ${version} in strict mode`, () => {
      const spec = loadBundledSpec(version);
      const schemas = createSchemaValidator(spec.document);
      for (const name of Object.keys(spec.document.components.schemas)) {
        expect(() => schemas.validate(name, {}), name).not.toThrow();
      }
    });
  }

  const schemas = createSchemaValidator(loadBundledSpec().document);

  it('maps every streaming event type to its schema', () => {
    expect(schemas.eventSchemaFor('response.output_text.delta')).toBe('ResponseOutputTextDeltaStreamingEvent');
    expect(schemas.eventSchemaFor('response.reasoning_summary_text.done')).toBe('ResponseReasoningSummaryDoneStreamingEvent');
    expect(schemas.eventSchemaFor('error')).toBe('ErrorStreamingEvent');
    expect(schemas.eventSchemaFor('acme:trace')).toBeUndefined();
  });

  it('turns Ajv errors into one readable issue per problem, with a JSON path', () => {
    const issues = schemas.validate('ResponseResource', {
      id: 'resp_1',
      object: 'response',
      output: [{ type: 'message', id: 'm', status: 'completed', role: 'assistant', content: [{ type: 'output_txt', text: 'hi' }] }],
      usage: { input_tokens: 'many' },
    });
    const byPath = new Map(issues.map((i) => [i.path, i]));
    expect(byPath.get('/created_at')).toMatchObject({ expected: 'required property "created_at"', actual: 'missing' });
    expect(byPath.get('/output/0/content/0/type')).toMatchObject({ expected: 'a known "type" value', actual: '"output_txt"' });
    expect(byPath.get('/usage/input_tokens')).toMatchObject({ expected: 'type integer', actual: '"many"' });
    // The nullable wrapper (anyOf [Usage, null]) adds nothing readable, so it is not reported.
    expect(issues.some((i) => /anyOf|must be null/.test(i.message))).toBe(false);
  });

  it('validates requests against CreateResponseBody, including item_reference without a type', () => {
    expect(schemas.validate('CreateResponseBody', { model: 'm', input: [{ type: 'message', role: 'user', content: 'hi' }] })).toEqual([]);
    expect(schemas.validate('CreateResponseBody', { model: 'm', input: [{ id: 'msg_1' }] })).toEqual([]);
    expect(schemas.validate('CreateResponseBody', { model: 'm', max_output_tokens: 3 })).not.toEqual([]);
  });
});

describe('cURL snippets', () => {
  it('loads the bundled snippets', () => {
    const snippets = loadCurlSnippets();
    expect(snippets.map((s) => s.name)).toEqual(['create_response', 'create_response_with_image']);
    expect(snippets[0]).toMatchObject({ method: 'POST', path: '/v1/responses', dependencies: ['CreateResponseBody'] });
  });

  it('rejects malformed snippet files with one line', () => {
    expect(() => loadCurlSnippets(file('s1.yaml', 'name: x'))).toThrow(/must hold a list/);
    expect(() => loadCurlSnippets(file('s2.yaml', '- name: x\n'))).toThrow(/metadata.method/);
    expect(() => loadCurlSnippets(file('s3.yaml', '- description: x\n'))).toThrow(/needs a "name"/);
    expect(() => loadCurlSnippets(file('s4.yaml', '- [unclosed'))).toThrow(ConfigurationError);
  });
});

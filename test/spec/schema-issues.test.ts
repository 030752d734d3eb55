import { describe, expect, it } from 'vitest';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';
import { validResponse } from '../helpers/responses.js';

const schemas = createSchemaValidator(loadBundledSpec().document);
const issuesOf = (overrides: Record<string, unknown>) => schemas.validate('ResponseResource', validResponse(overrides));

describe('a failed oneOf/anyOf is reported by the branch its discriminator picks', () => {
  it('reports only the json_schema branch for a json_schema text format (no "expected text" per other branch)', () => {
    const issues = issuesOf({ text: { format: { type: 'json_schema', description: null, schema: null, strict: true } } });
    expect(issues.map((i) => i.path)).toEqual(['/text/format/name']);
    expect(issues[0].expected).toBe('required property "name"');
  });

  it('names the known tags in one issue when no branch declares the value\'s', () => {
    const issues = issuesOf({ text: { format: { type: 'bogus' } } });
    expect(issues).toEqual([
      { path: '/text/format/type', expected: 'one of text, json_object, json_schema', actual: '"bogus"', message: '/text/format/type: type "bogus" is not one of: text, json_object, json_schema' },
    ]);
  });

  it('leaves out branches that cannot take an object (a string enum) and reports the matching one', () => {
    const issues = issuesOf({ tool_choice: { type: 'allowed_tools', tools: [], mode: 'bogus' } });
    expect(issues.map((i) => [i.path, i.expected])).toEqual([['/tool_choice/mode', 'one of ["none","auto","required"]']]);
  });

  it('still reports a plain string outside a union of a string enum and objects', () => {
    const issues = issuesOf({ tool_choice: 'sometimes' });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path === '/tool_choice')).toBe(true);
  });

  it('drops the undecided outer union (nullable wrapper) once the inner one explains the breach', () => {
    const issues = schemas.validate('CreateResponseBody', { model: 'm', input: 'x', text: { format: { type: 'json_object' } } });
    expect(issues.map((i) => i.message)).toEqual(['/text/format/type: type "json_object" is not one of: text, json_schema']);
  });

  it('passes a valid value of each branch', () => {
    for (const format of [{ type: 'text' }, { type: 'json_object' }, { type: 'json_schema', name: 'x', description: null, schema: null, strict: true }]) {
      expect(issuesOf({ text: { format } }), JSON.stringify(format)).toEqual([]);
    }
  });
});

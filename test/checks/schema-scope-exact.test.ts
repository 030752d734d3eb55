import { describe, expect, it } from 'vitest';
import { scopeSchemaIssues } from '../../src/checks/schema-scope.js';
import type { SchemaIssue } from '../../src/checks/types.js';

/** The grading of schema issues, path by path: mutation testing showed its patterns' edges untested. */
const issue = (path: string, expected = 'type string', actual = '7'): SchemaIssue => ({ path, expected, actual, message: `${path} is wrong` });
const statusIssue = (path: string) => issue(path, 'one of "in_progress", "completed", "incomplete"', '"failed"');

function grades(value: unknown, issues: SchemaIssue[]): [string, string, string | undefined][] {
  return scopeSchemaIssues(value, issues).map((scoped) => [scoped.issue.path, scoped.verdict, scoped.requirement]);
}

const ext = { type: 'acme:search_call', id: 'x' };
const message = { type: 'message', id: 'm' };

describe('extension items and tools are left to the extension rules', () => {
  it('drops issues at or below an extension item of output, tools, an event item or a snapshot', () => {
    const value = { output: [message, ext], tools: [ext, { type: 'function' }], item: ext, response: { output: [ext], tools: [message, ext] } };
    const paths = ['/output/1', '/output/1/x', '/tools/0/a', '/item/status', '/response/output/0/q', '/response/tools/1', '/response/tools/1/name'];
    expect(grades(value, paths.map((path) => issue(path)))).toEqual([]);
  });

  it('keeps issues of core items beside them, and of paths that only start alike', () => {
    const value = { output: [message, ext], tools: [{ type: 'function' }], item: message, response: { output: [message], tools: [{ type: 'function' }] } };
    const paths = ['/output/0/x', '/output/10/x', '/output/1x', '/tools/0/a', '/item/status', '/response/output/0/q', '/response/tools/0'];
    expect(grades(value, paths.map((path) => issue(path))).map(([path, verdict]) => [path, verdict])).toEqual(paths.map((path) => [path, 'fail']));
  });

  it('leaves values without such lists, or entries without a string type, alone', () => {
    expect(grades([ext], [issue('/0')])).toEqual([['/0', 'fail', undefined]]);
    const value = { output: 'none', tools: [{ type: 5 }, null], item: { type: 'acme' }, response: { output: {}, tools: 'x' } };
    expect(grades(value, [issue('/tools/0'), issue('/tools/1'), issue('/item/a')]).map(([, verdict]) => verdict)).toEqual(['fail', 'fail', 'fail']);
  });
});

describe('an extra status on a standard item warns under its item row (Z-43)', () => {
  it.each([
    ['message', 'ITEM-T-01'],
    ['function_call', 'ITEM-T-02'],
    ['function_call_output', 'ITEM-T-03'],
  ])('%s: %s, in output, an event item and a snapshot', (type, row) => {
    const item = { type, status: 'failed' };
    expect(grades({ output: [message, message, message, message, message, message, message, message, message, message, message, item] }, [statusIssue('/output/11/status')])).toEqual([['/output/11/status', 'warn', row]]);
    expect(grades({ item }, [statusIssue('/item/status')])).toEqual([['/item/status', 'warn', row]]);
    expect(grades({ response: { output: [item] } }, [statusIssue('/response/output/0/status')])).toEqual([['/response/output/0/status', 'warn', row]]);
  });

  it('fails a non-string status, another kind of issue, another item type or another path', () => {
    const value = { output: [{ type: 'message', status: 'failed' }, { type: 'reasoning', status: 'failed' }, { type: 5 }], item: { type: 'message' } };
    expect(
      grades(value, [
        issue('/output/0/status', 'one of "completed"', '3'),
        issue('/output/0/status', 'type string', '"failed"'),
        statusIssue('/output/1/status'),
        statusIssue('/output/2/status'),
        statusIssue('/output/0/status/x'),
        statusIssue('/x/output/0/status'),
        statusIssue('/response/item/status'),
      ]).map(([, verdict, row]) => `${verdict} ${row}`),
    ).toEqual(Array(7).fill('fail undefined'));
  });
});

describe('a null content or encrypted_content of a reasoning item warns under RSN-04 (Z-12)', () => {
  it('in output, an event item and a snapshot', () => {
    const reasoning = { type: 'reasoning', content: null, encrypted_content: null };
    expect(grades({ output: [message, reasoning] }, [issue('/output/1/content'), issue('/output/1/encrypted_content')])).toEqual([
      ['/output/1/content', 'warn', 'RSN-04'],
      ['/output/1/encrypted_content', 'warn', 'RSN-04'],
    ]);
    expect(grades({ item: reasoning }, [issue('/item/content')])).toEqual([['/item/content', 'warn', 'RSN-04']]);
    expect(grades({ response: { output: [reasoning] } }, [issue('/response/output/0/encrypted_content')])).toEqual([['/response/output/0/encrypted_content', 'warn', 'RSN-04']]);
  });

  it('fails the field when it is not null, on another type, or another field or path', () => {
    const value = { output: [{ type: 'reasoning', content: 'x', summary: null }, { type: 'message', content: null }], item: { type: 'reasoning', content: null } };
    const paths = ['/output/0/content', '/output/1/content', '/output/0/summary', '/output/0/content/0', '/a/item/content'];
    expect(grades(value, paths.map((path) => issue(path))).map(([, verdict]) => verdict)).toEqual(paths.map(() => 'fail'));
  });
});

describe('an echoed json_schema text.format.schema warns under RES-12 (Z-15)', () => {
  it('in a body and a snapshot', () => {
    const text = { format: { type: 'json_schema', schema: { type: 'object' } } };
    expect(grades({ text }, [issue('/text/format/schema')])).toEqual([['/text/format/schema', 'warn', 'RES-12']]);
    expect(grades({ response: { text } }, [issue('/response/text/format/schema')])).toEqual([['/response/text/format/schema', 'warn', 'RES-12']]);
  });

  it('fails it for another format type, a null or absent schema, or another path', () => {
    const cases: [unknown, string][] = [
      [{ text: { format: { type: 'json_object', schema: {} } } }, '/text/format/schema'],
      [{ text: { format: { type: 'json_schema', schema: null } } }, '/text/format/schema'],
      [{ text: { format: { type: 'json_schema' } } }, '/text/format/schema'],
      [{ text: { format: { type: 'json_schema', schema: {} } } }, '/text/format/schema/type'],
      [{ text: { format: { type: 'json_schema', schema: {} } } }, '/x/text/format/schema'],
      [{ text: 'json_schema' }, '/text/format/schema'],
    ];
    for (const [value, path] of cases) expect(grades(value, [issue(path)]), path).toEqual([[path, 'fail', undefined]]);
  });
});

import { describe, expect, it } from 'vitest';
import { createRedactor, displayUrl, isSecretHeaderName, redactDeep, redactRun, REDACTED } from '../../src/runner/redaction.js';
import { sampleRun } from '../report/fixtures.js';

const KEY = 'sk-live-0123456789abcdef';

describe('redaction', () => {
  const redact = createRedactor([KEY, undefined, 'abc']);

  it('removes the key wherever it appears, as written, URL-encoded or JSON-escaped', () => {
    expect(redact(`Authorization: Bearer ${KEY}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact(`a${KEY}b${KEY}`)).toBe(`a${REDACTED}b${REDACTED}`);
    const odd = createRedactor(['key with/slash"quote']);
    expect(odd('?k=key%20with%2Fslash%22quote')).toBe(`?k=${REDACTED}`);
    expect(odd('{"k":"key with/slash\\"quote"}')).toBe(`{"k":"${REDACTED}"}`);
  });

  it('removes the start of a key where a long value was cut off', () => {
    expect(redact(`echo=Bearer%20${KEY.slice(0, 15)}…`)).toBe(`echo=Bearer%20${REDACTED}…`);
    expect(redact(`seen: ${KEY.slice(0, 3)}…`)).toBe(`seen: ${KEY.slice(0, 3)}…`);
  });

  it('leaves short or absent secrets alone and text without secrets unchanged', () => {
    expect(redact('abc is not long enough to be a key')).toBe('abc is not long enough to be a key');
    expect(createRedactor([])('anything')).toBe('anything');
  });

  it('removes a key under 8 characters only where it is a whole value', () => {
    const short = createRedactor(['fake', 'none']);
    expect(short('fake-model')).toBe('fake-model');
    expect(short('tool-choice-none')).toBe('tool-choice-none');
    expect(short('a fake server')).toBe('a fake server');
    expect(short('fake')).toBe(REDACTED);
    expect(short('Bearer fake')).toBe(REDACTED);
    expect(short('{"authorization":"Bearer fake","x":"fake","model":"fake-model"}')).toBe(
      `{"authorization":"Bearer ${REDACTED}","x":"${REDACTED}","model":"fake-model"}`,
    );
    expect(short('authorization: Bearer none\nx-tenant: none-of-them')).toBe(`authorization: Bearer ${REDACTED}\nx-tenant: none-of-them`);
  });

  it('still removes a key of 8 characters or more everywhere', () => {
    const eight = createRedactor(['abcdefgh']);
    expect(eight('xxabcdefghyy')).toBe(`xx${REDACTED}yy`);
  });

  it('never rewrites the tool\'s own names in a run, whatever the key', () => {
    const run = sampleRun();
    const id = run.scenarios[1].checks[0].id;
    const redacted = redactRun(run, createRedactor([id, run.target.model, run.scenarios[1].id]));
    expect(redacted.scenarios[1].id).toBe(run.scenarios[1].id);
    expect(redacted.scenarios[1].checks[0].id).toBe(id);
    expect(redacted.scenarios[1].checks[0].findings[0].checkId).toBe(run.scenarios[1].checks[0].findings[0].checkId);
    expect(redacted.target.model).toBe(run.target.model);
  });

  it('applies to every string of a nested value, keys included', () => {
    expect(redactDeep({ a: [KEY, { [KEY]: 1 }], n: 3 }, redact)).toEqual({ a: [REDACTED, { [REDACTED]: 1 }], n: 3 });
  });

  it('knows which header names carry secrets', () => {
    for (const name of ['Authorization', 'X-Api-Key', 'api_key', 'X-Session-Token', 'Cookie', 'X-Client-Secret']) expect(isSecretHeaderName(name), name).toBe(true);
    for (const name of ['X-Tenant', 'Accept', 'X-Keyboard']) expect(isSecretHeaderName(name), name).toBe(false);
  });

  it('drops credentials from a URL for display', () => {
    expect(displayUrl('https://user:pass@example.test/v1')).toBe('https://example.test/v1');
    expect(displayUrl('http://localhost:8000/v1')).toBe('http://localhost:8000/v1');
  });
});

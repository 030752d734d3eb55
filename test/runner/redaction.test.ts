import { describe, expect, it } from 'vitest';
import { createRedactor, displayUrl, isSecretHeaderName, redactDeep, REDACTED } from '../../src/runner/redaction.js';

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

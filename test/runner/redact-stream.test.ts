import { describe, expect, it } from 'vitest';
import { createByteRedactor } from '../../src/runner/redact-stream.js';
import { REDACTED, secretPatterns } from '../../src/runner/redaction.js';

const KEY = 'sk-live-0123456789abcdef';

/** Feeds `text` in pieces cut at `cuts` and returns what came out. */
function run(text: string, cuts: number[], secrets: string[]): { out: string; replaced: number } {
  const redactor = createByteRedactor(secretPatterns(secrets));
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    parts.push(redactor.push(bytes.subarray(at, cut)));
    at = cut;
  }
  parts.push(redactor.flush());
  return { out: Buffer.concat(parts).toString('utf8'), replaced: redactor.replaced };
}

describe('the byte-stream redactor', () => {
  it('replaces a key split across chunks at every position', () => {
    const text = `data: {"echo":"Bearer ${KEY}","again":"${KEY}"}\n\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      const { out, replaced } = run(text, [cut], [KEY]);
      expect(out).toBe(`data: {"echo":"Bearer ${REDACTED}","again":"${REDACTED}"}\n\n`);
      expect(replaced).toBe(2);
    }
  });

  it('replaces the URL-encoded and JSON-escaped forms, and a key fed one byte at a time', () => {
    const odd = 'key with/slash"quote';
    const text = `?k=${encodeURIComponent(odd)} {"k":${JSON.stringify(odd)}}`;
    const cuts = Array.from({ length: Buffer.byteLength(text) }, (_, i) => i);
    expect(run(text, cuts, [odd]).out).toBe(`?k=${REDACTED} {"k":"${REDACTED}"}`);
  });

  it('leaves bytes without a secret exactly as they were, invalid UTF-8 included', () => {
    const bytes = Buffer.from([0x64, 0x61, 0xff, 0xfe, 0x0a, 0x73, 0x6b]);
    const redactor = createByteRedactor(secretPatterns([KEY]));
    const out = Buffer.concat([redactor.push(bytes.subarray(0, 3)), redactor.push(bytes.subarray(3)), redactor.flush()]);
    expect(out.equals(bytes)).toBe(true);
    expect(redactor.replaced).toBe(0);
    expect(run('sk-live-0123 is only the start', [5], [KEY]).out).toBe('sk-live-0123 is only the start');
  });

  it('removes a short key only where it is a whole JSON string', () => {
    expect(run('{"model":"fake-model","k":"fake","a":"Bearer fake"}', [12, 30], ['fake']).out).toBe(
      `{"model":"fake-model","k":"${REDACTED}","a":"Bearer ${REDACTED}"}`,
    );
  });

  it('passes everything through when there is no secret', () => {
    expect(run('anything at all', [3], []).out).toBe('anything at all');
  });
});

import { describe, expect, it } from 'vitest';
import { checkSetForStep } from '../../src/checks/registry.js';
import type { BodyCheck, BodyObservation, HttpObservation } from '../../src/checks/types.js';
import { judgeJsonBody, observeJson, parseJson, readBodyText, type Outcomes } from '../../src/runner/observe.js';
import { ctx } from '../checks/harness.js';

function chunks(...parts: (string | Uint8Array)[]): AsyncIterator<Uint8Array> {
  const bytes = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
  return (async function* () {
    yield* bytes;
  })();
}

async function read(cap: number, ...parts: (string | Uint8Array)[]) {
  const iterator = chunks(...parts);
  const first = await iterator.next();
  return readBodyText(first.done ? undefined : first.value, iterator, cap);
}

describe('readBodyText', () => {
  it('decodes a character split across chunks whole', async () => {
    const bytes = new TextEncoder().encode('{"t":"é🎉"}');
    for (let at = 0; at <= bytes.length; at++) {
      expect(await read(1024, bytes.subarray(0, at), bytes.subarray(at))).toEqual({ kind: 'text', text: '{"t":"é🎉"}', json: { t: 'é🎉' }, invalidUtf8: false });
    }
  });

  it('reads invalid bytes as U+FFFD and says so', async () => {
    expect(await read(1024, '{"a":"', Uint8Array.of(0xff), '"}')).toEqual({ kind: 'text', text: '{"a":"\uFFFD"}', json: { a: '\uFFFD' }, invalidUtf8: true });
  });

  it('flags a body that ends inside a character', async () => {
    expect(await read(1024, '{}', Uint8Array.of(0xe2, 0x82))).toMatchObject({ kind: 'text', invalidUtf8: true });
  });

  it('stops at the cap without keeping anything', async () => {
    expect(await read(10, '{"a":', '"0123456789"}')).toEqual({ kind: 'too-large' });
    expect(await read(13, '{"a":', '"01234"}')).toEqual({ kind: 'text', text: '{"a":"01234"}', json: { a: '01234' }, invalidUtf8: false });
  });

  it('reads an empty body as empty text, which is no JSON value', async () => {
    expect(await read(10)).toEqual({ kind: 'text', text: '', json: undefined, invalidUtf8: false });
    expect(await read(10)).toHaveProperty('json', undefined);
  });
});

describe('judgeJsonBody holds a parsed success body once', () => {
  const http = (status: number): HttpObservation => ({ request: { method: 'POST', path: '/responses', body: {}, stream: false }, status, headers: { 'content-type': 'application/json' } });
  const seenBy: BodyObservation[] = [];
  const spy: BodyCheck = { kind: 'body', id: 'test/spy', requirement: 'X', severity: 'MUST', section: 'x', title: 'x', check: (obs) => (seenBy.push(obs), []) };
  const checks = { ...checkSetForStep({ stream: false }), body: [spy] };
  const env = { ctx, limits: { maxBodyBytes: 1024, maxEvents: 10 } };
  const judge = (status: number, text: string) => {
    seenBy.length = 0;
    const seen: { text?: string; json?: unknown } = {};
    const outcomes: Outcomes = new Map();
    const result = judgeJsonBody(http(status), { kind: 'text', text, json: parseJson(text), invalidUtf8: false }, checks, env, outcomes, seen);
    return { result, observed: seenBy[0], seen };
  };

  it('a success body: the checks see the parsed value without the text', () => {
    const { result, observed, seen } = judge(200, '{"id":"r"}');
    expect(result).toEqual({ id: 'r' });
    expect(observed).toEqual({ http: http(200), json: { id: 'r' } });
    expect(seen.text).toBeUndefined();
  });

  it('a body that is not JSON, and an error answer, keep their text', () => {
    expect(judge(200, 'oops').observed).toEqual({ http: http(200), json: undefined, text: 'oops' });
    const error = judge(400, '{"detail":"bad"}');
    expect(error.observed.text).toBe('{"detail":"bad"}');
    expect(error.seen).toEqual({ text: '{"detail":"bad"}', json: { detail: 'bad' } });
  });
});

describe('observeJson and a declared Content-Length', () => {
  const env = { ctx, limits: { maxBodyBytes: 100, maxEvents: 10 } };
  const checks = checkSetForStep({ stream: false });
  const observe = async (headers: Record<string, string>) => {
    let read = 0;
    const iterator: AsyncIterator<Uint8Array> = { next: async () => (read++, { done: true, value: undefined }) };
    const outcomes: Outcomes = new Map();
    const http: HttpObservation = { request: { method: 'POST', path: '/responses', body: {}, stream: false }, status: 200, headers: { 'content-type': 'application/json', ...headers } };
    const result = await observeJson(http, new TextEncoder().encode('{"a":1}'), iterator, checks, env, outcomes);
    const tooLarge = outcomes.get('transport/body-too-large');
    return { result, read, tooLarge: tooLarge !== undefined && 'findings' in tooLarge ? tooLarge.findings.items : [] };
  };

  it('reads nothing of a body declared over the cap, and says why', async () => {
    const { result, read, tooLarge } = await observe({ 'content-length': '419430400' });
    expect({ result, read }).toEqual({ result: undefined, read: 0 });
    expect(tooLarge).toMatchObject([{ verdict: 'fail', actual: 'Content-Length: 419430400' }]);
    expect(tooLarge[0].message).toMatch('--max-body-bytes (100 bytes)');
  });

  it('reads a body declared within the cap, or encoded (its length is not the decoded one)', async () => {
    const cases: Record<string, string>[] = [{ 'content-length': '7' }, { 'content-length': '419430400', 'content-encoding': 'gzip' }, { 'content-length': 'lots' }];
    for (const headers of cases) {
      const { result, tooLarge } = await observe(headers);
      expect({ result, tooLarge }).toEqual({ result: { a: 1 }, tooLarge: [] });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkSetForStep } from '../../src/checks/registry.js';
import type { BodyCheck, BodyObservation, HttpObservation } from '../../src/checks/types.js';
import { judgeJsonBody, readBodyText, type Outcomes } from '../../src/runner/observe.js';
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
      expect(await read(1024, bytes.subarray(0, at), bytes.subarray(at))).toEqual({ kind: 'text', text: '{"t":"é🎉"}', invalidUtf8: false });
    }
  });

  it('reads invalid bytes as U+FFFD and says so', async () => {
    expect(await read(1024, '{"a":"', Uint8Array.of(0xff), '"}')).toEqual({ kind: 'text', text: '{"a":"\uFFFD"}', invalidUtf8: true });
  });

  it('flags a body that ends inside a character', async () => {
    expect(await read(1024, '{}', Uint8Array.of(0xe2, 0x82))).toMatchObject({ kind: 'text', invalidUtf8: true });
  });

  it('stops at the cap without keeping anything', async () => {
    expect(await read(10, '{"a":', '"0123456789"}')).toEqual({ kind: 'too-large' });
    expect(await read(13, '{"a":', '"01234"}')).toEqual({ kind: 'text', text: '{"a":"01234"}', invalidUtf8: false });
  });

  it('reads an empty body as empty text', async () => {
    expect(await read(10)).toEqual({ kind: 'text', text: '', invalidUtf8: false });
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
    const result = judgeJsonBody(http(status), { kind: 'text', text, invalidUtf8: false }, undefined, checks, env, outcomes, seen);
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

import { describe, expect, it } from 'vitest';
import { ByteQueue, ChecksFellBehind } from '../../src/proxy/byte-queue.js';
import { flattenHeaders } from '../../src/http/client.js';
import { forwardedHeaders } from '../../src/proxy/headers.js';
import { apiPrefix, checkedRoute } from '../../src/proxy/routes.js';
import { exchangeTitle, sentRequest, stepShape, whyNotJudged } from '../../src/proxy/verdicts.js';

describe('the headers the proxy forwards', () => {
  it('drops hop-by-hop headers, the ones Connection names, proxy-* and host; keeps the rest as received', () => {
    const forwarded = forwardedHeaders({
      host: '127.0.0.1:9',
      connection: 'keep-alive, X-Hop',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      te: 'trailers',
      upgrade: 'websocket',
      'proxy-authorization': 'Basic abc',
      'x-hop': 'one',
      Authorization: 'Bearer sk-1',
      'set-cookie': ['a=1', 'b=2'],
      'content-type': 'application/json',
    });
    expect(forwarded).toEqual({ authorization: 'Bearer sk-1', 'set-cookie': ['a=1', 'b=2'], 'content-type': 'application/json' });
  });

  it('flattens repeated headers for the checks', () => {
    expect(flattenHeaders({ 'Set-Cookie': ['a', 'b'], 'content-type': 'text/event-stream', gone: undefined })).toEqual({ 'set-cookie': 'a, b', 'content-type': 'text/event-stream' });
  });
});

describe('which exchanges the proxy judges', () => {
  it('judges creating, compacting and retrieving a response under the prefix', () => {
    expect(checkedRoute('POST', '/v1/responses', '/v1')).toEqual({ kind: 'create', path: '/responses' });
    expect(checkedRoute('POST', '/v1/responses/?x=1', '/v1')).toEqual({ kind: 'create', path: '/responses' });
    expect(checkedRoute('POST', '/v1/responses/compact', '/v1')).toEqual({ kind: 'compact', path: '/responses/compact' });
    expect(checkedRoute('GET', '/v1/responses/resp_1?stream=true', '/v1')).toEqual({ kind: 'retrieve', path: '/responses/resp_1' });
  });

  it('forwards everything else unjudged', () => {
    for (const [method, url] of [['GET', '/v1/models'], ['DELETE', '/v1/responses/resp_1'], ['POST', '/v1/responses/resp_1/cancel'], ['POST', '/responses'], ['GET', '/v1/responses']]) {
      expect(checkedRoute(method, url, '/v1')).toBeUndefined();
    }
  });

  it('takes the prefix from the target, /v1 when it has no path', () => {
    expect(apiPrefix(new URL('http://h:1/api/v1/'))).toBe('/api/v1');
    expect(apiPrefix(new URL('http://h:1'))).toBe('/v1');
  });
});

describe('judging an exchange', () => {
  it('takes a JSON object request body as the request, and nothing else', () => {
    expect(sentRequest('POST', { kind: 'create', path: '/responses' }, Buffer.from('{"model":"m","stream":true}'))).toEqual({ method: 'POST', path: '/responses', body: { model: 'm', stream: true }, stream: true });
    expect(sentRequest('POST', { kind: 'create', path: '/responses' }, Buffer.from('not json'))).toBeUndefined();
    expect(sentRequest('POST', { kind: 'create', path: '/responses' }, Buffer.from('[1]'))).toBeUndefined();
  });

  it('judges an error status by the error rules and a 3xx not at all', () => {
    const request = { method: 'POST', path: '/responses', body: {}, stream: true };
    expect(stepShape({ kind: 'create', path: '/responses' }, request, 200)).toEqual({ stream: true });
    expect(stepShape({ kind: 'create', path: '/responses' }, request, 429)).toEqual({ stream: true, errorAnswer: true });
    expect(stepShape({ kind: 'create', path: '/responses' }, request, 307)).toBeUndefined();
    expect(stepShape({ kind: 'compact', path: '/responses/compact' }, request, 200)).toEqual({ stream: false, answer: 'compaction' });
  });

  it('says the verdict in the title', () => {
    const failed = { checks: [{ status: 'failed' }, { status: 'failed' }, { status: 'warning' }, { status: 'passed' }] } as Parameters<typeof exchangeTitle>[4];
    expect(exchangeTitle('POST', '/v1/responses', 200, true, failed)).toBe('POST /v1/responses → HTTP 200, stream · 2 failed, 1 warned');
    expect(exchangeTitle('POST', '/v1/responses', undefined, false)).toBe('POST /v1/responses → no answer');
  });
});

describe('the checks side of the tee', () => {
  const read = async (queue: ByteQueue) => {
    const seen: string[] = [];
    for await (const chunk of queue) seen.push(Buffer.from(chunk).toString());
    return seen;
  };

  it('hands over chunks pushed before and while the reader waits, then the end', async () => {
    const queue = new ByteQueue(1024);
    queue.push(Buffer.from('a'), 0);
    const reading = read(queue);
    await Promise.resolve();
    queue.push(Buffer.from('b'), 0);
    queue.end();
    expect(await reading).toEqual(['a', 'b']);
  });

  it('hands over what came before a failure, then the failure', async () => {
    const queue = new ByteQueue(1024);
    queue.push(Buffer.from('a'), 0);
    queue.fail(new Error('reset'));
    const iterator = queue[Symbol.asyncIterator]();
    expect(Buffer.from((await iterator.next()).value as Uint8Array).toString()).toBe('a');
    await expect(iterator.next()).rejects.toThrow('reset');
  });

  it('stops a reader that falls further behind than it may hold, and says how far', async () => {
    const queue = new ByteQueue(4);
    queue.push(Buffer.from('ab'), 0);
    queue.push(Buffer.from('cd'), 0);
    queue.push(Buffer.from('e'), 0);
    queue.push(Buffer.from('f'), 0);
    queue.end();
    expect(queue.fellBehind).toBe(5);
    const iterator = queue[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow(ChecksFellBehind);
  });

  it('holds up to its bound while a reader keeps pace', async () => {
    const queue = new ByteQueue(4);
    const reading = read(queue);
    for (const piece of ['abcd', 'efgh', 'ijkl']) {
      queue.push(Buffer.from(piece), 0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    queue.end();
    expect(await reading).toEqual(['abcd', 'efgh', 'ijkl']);
    expect(queue.fellBehind).toBeUndefined();
  });

  it('tells when the chunk last handed over arrived, held or not', async () => {
    const queue = new ByteQueue(1024);
    queue.push(Buffer.from('a'), 5);
    queue.push(Buffer.from('b'), 9);
    const iterator = queue[Symbol.asyncIterator]();
    await iterator.next();
    expect(queue.now()).toBe(5);
    await iterator.next();
    expect(queue.now()).toBe(9);
    const waiting = iterator.next();
    queue.push(Buffer.from('c'), 12);
    await waiting;
    expect(queue.now()).toBe(12);
  });

  it('keeps nothing once its reader is done', async () => {
    const queue = new ByteQueue(1024);
    queue.push(Buffer.from('a'), 0);
    queue.stop();
    queue.push(Buffer.from('b'), 0);
    expect(await read(queue)).toEqual([]);
  });
});

describe('why an exchange is not judged', () => {
  const request = { method: 'POST', path: '/responses', body: {}, stream: false };
  it('names what is missing', () => {
    expect(whyNotJudged(undefined, 200, { kind: 'identity' })).toMatch(/^not judged: the request body is not a JSON object/);
    expect(whyNotJudged(request, 200, { kind: 'unsupported', encoding: 'zstd' })).toMatch(/^not judged: the answer uses Content-Encoding: zstd, which the proxy cannot decode/);
    expect(whyNotJudged(request, 304, { kind: 'identity' })).toMatch(/^not judged: the checks have no rules for an HTTP 304 answer/);
  });
});

// What the validating proxy adds to a streamed response: time to the first body byte and to the
// end of the stream, through `proxy` and directly against the same `serve`, requests alternating
// so both see the same machine load. The client is this process (undici, as an SDK would use).
import { request } from 'undici';
import { spread, startListening } from './child.mjs';

const STREAM_BODY = JSON.stringify({ model: 'reference-model', input: 'Count from 1 to 5 and say something about each number.', stream: true });

/** One streamed request: ms to the first body chunk and to the end, and the bytes received. */
async function timedStream(url) {
  const started = performance.now();
  const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: STREAM_BODY });
  let firstByteMs;
  let bytes = 0;
  for await (const chunk of answer.body) {
    firstByteMs ??= performance.now() - started;
    bytes += chunk.length;
  }
  if (answer.statusCode !== 200) throw new Error(`the stream answered HTTP ${answer.statusCode}`);
  return { firstByteMs, totalMs: performance.now() - started, bytes };
}

/**
 * `requests` streamed requests each way after `warmup` untimed ones; resolves with the spread of
 * each time, direct and proxied, and the stream's size.
 */
export async function proxyLatency({ cli, cwd, requests, warmup = 5 }) {
  const serve = await startListening([cli, 'serve', '--port', '0'], { cwd, listening: /^listening on (\S+)\n/ });
  const proxy = await startListening([cli, 'proxy', '--target', serve.url, '--port', '0', '--reporter', 'console', '--quiet'], { cwd, listening: /^proxy listening on (\S+) / });
  try {
    const direct = `${serve.url}/responses`;
    const proxied = `${proxy.url}${new URL(serve.url).pathname}/responses`;
    for (let i = 0; i < warmup; i++) await Promise.all([timedStream(direct), timedStream(proxied)]);
    const runs = { direct: [], proxied: [] };
    for (let i = 0; i < requests; i++) {
      // Alternating which goes first keeps a warm-cache advantage off either side.
      const order = i % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
      for (const side of order) runs[side].push(await timedStream(side === 'direct' ? direct : proxied));
    }
    if (runs.direct.some((r, i) => r.bytes !== runs.proxied[i].bytes)) throw new Error('the proxy changed the size of a stream');
    const of = (side, key) => spread(runs[side].map((r) => r[key]));
    return {
      bytes: runs.direct[0].bytes,
      firstByte: { direct: of('direct', 'firstByteMs'), proxied: of('proxied', 'firstByteMs') },
      total: { direct: of('direct', 'totalMs'), proxied: of('proxied', 'totalMs') },
    };
  } finally {
    await proxy.stop();
    await serve.stop();
  }
}

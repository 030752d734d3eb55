// What the validating proxy adds to a streamed response: time to the first body byte and to the
// end of the stream, through `proxy` and directly against the same `serve`, requests alternating
// so both see the same machine load. The client is this process (undici, as an SDK would use).
import { once } from 'node:events';
import { createServer } from 'node:http';
import { request } from 'undici';
import { textStream, textStreamEvents } from './captures.mjs';
import { spread, startListening } from './child.mjs';

const STREAM_BODY = JSON.stringify({ model: 'reference-model', input: 'Count from 1 to 5 and say something about each number.', stream: true });

/** One streamed request: ms to the first body chunk and to the end, and the bytes received. */
async function timedStream(url, body = STREAM_BODY) {
  const started = performance.now();
  const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
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

/**
 * A large stream sent as fast as the loopback takes it (a conforming `deltas`-delta text stream from
 * a plain server, not a model's pace): whole-stream times `runs` times each way. Through the proxy
 * the checks set the pace, since they keep up with each chunk rather than hold a backlog; the
 * proxy's peak RSS shows that nothing of the stream piles up.
 */
export async function proxyThroughput({ cli, cwd, deltas, runs }) {
  const chunks = [...textStream(deltas)].map((chunk) => Buffer.from(chunk));
  const server = createServer(async (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const chunk of chunks) if (!res.write(chunk)) await once(res, 'drain');
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const target = `http://127.0.0.1:${server.address().port}/v1`;
  const proxy = await startListening([cli, 'proxy', '--target', target, '--port', '0', '--reporter', 'console', '--quiet'], { cwd, listening: /^proxy listening on (\S+) / });
  const body = JSON.stringify({ model: 'reference-model', input: 'x', stream: true });
  try {
    const times = { direct: [], proxied: [] };
    for (let i = 0; i < runs; i++) {
      times.direct.push((await timedStream(`${target}/responses`, body)).totalMs);
      times.proxied.push((await timedStream(`${proxy.url}/v1/responses`, body)).totalMs);
    }
    return { bytes: chunks.reduce((n, chunk) => n + chunk.length, 0), events: textStreamEvents(deltas), direct: spread(times.direct), proxied: spread(times.proxied), proxyPeakMb: proxy.peakMb() };
  } finally {
    await proxy.stop();
    server.closeAllConnections();
    server.close();
  }
}

// A server on 127.0.0.1 that answers every request of one kind with a body no client should read
// whole: `endless-stream` answers each streamed request with deltas that never end, `large-json`
// each JSON request with a 400 MiB response (chunked, no content-length, so the client has to
// count). The other kind gets a small conforming answer. Used to measure a whole run's peak memory.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { endlessStream, largeJson, pump, textStream } from './captures.mjs';

export const LARGE_JSON_BYTES = 400 * 1024 * 1024;
const SMALL_JSON = [...largeJson(64)].join('');

function streamed(body) {
  try {
    return JSON.parse(body).stream === true;
  } catch {
    return false;
  }
}

async function answer(req, res, kind) {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (streamed(body)) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    await pump(kind === 'endless-stream' ? endlessStream() : textStream(10), res);
  } else if (kind === 'large-json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    await pump(largeJson(LARGE_JSON_BYTES), res);
  } else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(SMALL_JSON);
  }
  res.end();
}

/** Starts the server; resolves with its base URL (with /v1) and a close function. */
export async function startHostileServer(kind) {
  const server = createServer((req, res) => {
    // A client that hangs up mid-answer is the expected case, not an error.
    res.on('error', () => undefined);
    answer(req, res, kind).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server a test started on 127.0.0.1, with its API root and a close that ends open sockets. */
export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts `handler` on a free loopback port. `close()` destroys lingering sockets so tests never hang. */
export async function startTestServer(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Headers that describe one connection or encoding, not the answer; fetch has already undone them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A body as JSON, or as the text it is when it is not JSON (a deliberately malformed request). */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A proxy that records every request, then forwards it to `targetBaseUrl` and relays the answer. */
export async function startRecordingProxy(targetBaseUrl: string): Promise<TestServer & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const target = new URL(targetBaseUrl);
  const server = await startTestServer((req, res, body) => {
    const text = body.toString('utf8');
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? parsedOrText(text) : undefined });
    const path = (req.url ?? '').replace(/^\/v1/, target.pathname.replace(/\/$/, ''));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name, v]) => typeof v === 'string' && name !== 'host' && !HOP_BY_HOP.has(name)),
    ) as Record<string, string>;
    fetch(`${target.origin}${path}`, { method: req.method, headers, body: text || undefined })
      .then(async (answer) => {
        const relayed = Object.fromEntries([...answer.headers].filter(([name]) => !HOP_BY_HOP.has(name)));
        res.writeHead(answer.status, relayed);
        if (answer.body) for await (const chunk of answer.body) res.write(chunk);
        res.end();
      })
      .catch(() => res.destroy());
  });
  return { ...server, requests };
}

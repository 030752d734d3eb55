import type { IncomingMessage } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Duplex } from 'node:stream';
import { describeError } from '../http/errors.js';
import { proxyErrorBody } from './proxy-error.js';

/**
 * A protocol upgrade (WebSocket) forwarded as a plain tunnel: the upgrade request goes to the
 * target's origin as received (Host the target's), and from then on bytes flow both ways
 * untouched. The proxy judges HTTP exchanges only, so what passes through a tunnel is not judged.
 */
export function tunnelUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, target: URL, onError: (detail: string) => void): void {
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const upstream: Socket = target.protocol === 'https:' ? connectTls({ host: target.hostname, port, servername: target.hostname }) : connectTcp({ host: target.hostname, port });
  const ready = target.protocol === 'https:' ? 'secureConnect' : 'connect';
  let connected = false;
  upstream.once(ready, () => {
    connected = true;
    upstream.write(upgradeHead(req, target.host));
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (err) => {
    if (!connected) {
      onError(describeError(err));
      client.end(badGateway(`open-responses-check proxy: the target ${target.origin} did not answer the upgrade (${describeError(err)})`));
    } else client.destroy();
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}

/** The upgrade request as received, its Host the target's: the header lines keep their names, order and repeats. */
function upgradeHead(req: IncomingMessage, host: string): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    lines.push(`${name}: ${name.toLowerCase() === 'host' ? host : req.rawHeaders[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function badGateway(message: string): string {
  const body = proxyErrorBody(message, 'bad_gateway');
  return `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Which exchanges the proxy judges, by method and path under the target's prefix (`/v1`): a
 * response created (`POST /responses`, a JSON or SSE answer), a compaction (`POST
 * /responses/compact`), and a response retrieved (`GET /responses/{id}`), which the engine can
 * judge only by its body. Every other exchange is forwarded untouched and not judged.
 */
export type CheckedRoute =
  | { kind: 'create'; path: '/responses' }
  | { kind: 'compact'; path: '/responses/compact' }
  | { kind: 'retrieve'; path: string };

export function checkedRoute(method: string, url: string, prefix: string): CheckedRoute | undefined {
  const path = url.split('?')[0];
  if (!path.startsWith(`${prefix}/`)) return undefined;
  const rest = path.slice(prefix.length).replace(/\/$/, '');
  if (method === 'POST' && rest === '/responses') return { kind: 'create', path: '/responses' };
  if (method === 'POST' && rest === '/responses/compact') return { kind: 'compact', path: '/responses/compact' };
  if (method === 'GET' && /^\/responses\/[^/]+$/.test(rest) && rest !== '/responses/compact') return { kind: 'retrieve', path: rest };
  return undefined;
}

/** The path prefix the API lives under: the target URL's path, or `/v1` when it has none. */
export function apiPrefix(target: URL): string {
  const path = target.pathname.replace(/\/+$/, '');
  return path === '' ? '/v1' : path;
}

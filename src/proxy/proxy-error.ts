/** The one-line JSON error the proxy answers with itself (502), shaped like the spec's error object. */
export function proxyErrorBody(message: string, code: string): string {
  return `${JSON.stringify({ error: { message, type: 'proxy_error', code, param: null } })}\n`;
}

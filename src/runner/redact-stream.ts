import type { SecretPattern } from './redaction.js';

/**
 * Replaces secrets in a byte stream chunk by chunk. A secret may be split across chunks, so the
 * last (longest pattern − 1) bytes wait for the next chunk; memory stays bounded by that carry.
 */
export interface ByteRedactor {
  /** The bytes of `chunk` (and of the carry before it) that can be written now. */
  push(chunk: Uint8Array): Buffer;
  /** The rest, at the end of the stream. */
  flush(): Buffer;
  /** How many secrets were replaced so far. */
  readonly replaced: number;
}

export function createByteRedactor(patterns: readonly SecretPattern[]): ByteRedactor {
  // Longest first, so of two patterns that match at the same place the longer one is replaced whole.
  const compiled = patterns
    .map((p) => ({ find: Buffer.from(p.find, 'utf8'), replace: Buffer.from(p.replace, 'utf8') }))
    .filter((p) => p.find.length > 0)
    .sort((a, b) => b.find.length - a.find.length);
  const hold = compiled.reduce((max, p) => Math.max(max, p.find.length - 1), 0);
  let carry = Buffer.alloc(0);
  let replaced = 0;

  /** Replaces every match in `data`; returns what is safe to emit and keeps the rest as the carry. */
  const scan = (data: Buffer, final: boolean): Buffer => {
    const out: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let best: { at: number; find: Buffer; replace: Buffer } | undefined;
      for (const p of compiled) {
        const at = data.indexOf(p.find, pos);
        if (at >= 0 && (best === undefined || at < best.at)) best = { at, ...p };
      }
      if (best === undefined) break;
      out.push(data.subarray(pos, best.at), best.replace);
      pos = best.at + best.find.length;
      replaced++;
    }
    // Bytes after the last match that could still begin a secret wait for the next chunk.
    const safeEnd = final ? data.length : Math.max(pos, data.length - hold);
    out.push(data.subarray(pos, safeEnd));
    carry = Buffer.from(data.subarray(safeEnd));
    return Buffer.concat(out);
  };

  return {
    push: (chunk) => (compiled.length === 0 ? Buffer.from(chunk) : scan(Buffer.concat([carry, chunk]), false)),
    flush: () => (compiled.length === 0 ? Buffer.alloc(0) : scan(carry, true)),
    get replaced() {
      return replaced;
    },
  };
}

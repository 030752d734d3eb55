import { pipeline, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** What became of a body's Content-Encoding. */
export type BodyEncoding = { kind: 'identity' } | { kind: 'decoded'; encoding: string } | { kind: 'unsupported'; encoding: string };

/**
 * Undoes a Content-Encoding the tool did not ask for (it sends `Accept-Encoding: identity`).
 * Decoding is streamed, so the caps downstream count decoded bytes and a compression bomb is cut
 * off at the cap like any other large body.
 */
export function decodeBody(body: AsyncIterable<Uint8Array>, contentEncoding: string | undefined): { body: AsyncIterable<Uint8Array>; encoding: BodyEncoding } {
  const classified = bodyEncoding(contentEncoding);
  if (classified.kind !== 'decoded') return { body, encoding: classified };
  const encoding = classified.encoding;
  const decoder = DECODERS[encoding];
  // pipeline, not pipe: pipe forwards neither errors nor an early end of the raw body, so after a
  // reset or the deadline the decoder waited forever and the exchange hung. pipeline destroys the
  // decoder with the raw body's error (its reader sees it) and the raw body when the decoder goes.
  // The callback only keeps a failure from going unhandled: the reader gets it from the decoder.
  const decoded = pipeline(body, decoder(), () => {});
  return { body: decoded, encoding: { kind: 'decoded', encoding } };
}

/** What a Content-Encoding header means for reading the body: nothing to undo, a decoder, or none. */
export function bodyEncoding(contentEncoding: string | undefined): BodyEncoding {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return { kind: 'identity' };
  return Object.hasOwn(DECODERS, encoding) ? { kind: 'decoded', encoding } : { kind: 'unsupported', encoding };
}

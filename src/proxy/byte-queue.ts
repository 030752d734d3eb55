import type { Clock } from '../http/arrival-clock.js';

/** Why the checks stopped reading: they fell further behind the forwarded stream than the queue may hold. */
export class ChecksFellBehind extends Error {
  constructor(readonly bytes: number) {
    super(`the checks fell ${bytes} bytes behind the forwarded stream`);
  }
}

/**
 * The checker's side of the tee: the proxy pushes each chunk here right after forwarding it, and
 * the checks read it as an async iterable at their own pace. Nothing here ever waits on the
 * reader, so checking never holds the stream back; once the reader is done (`stop`), later chunks
 * are dropped rather than kept. What it holds is bounded by `maxHeldBytes`: a reader that falls
 * further behind than that is stopped with `ChecksFellBehind` (and the exchange goes unjudged)
 * instead of the proxy holding an unbounded copy of a fast stream.
 */
export class ByteQueue implements AsyncIterable<Uint8Array>, Clock {
  private held: { chunk: Uint8Array; arrivedAt: number }[] = [];
  private heldBytes = 0;
  private lastArrivedAt = 0;
  /** Set once the reader fell behind by more than the bound: how far. */
  fellBehind: number | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private waiting: { resolve: (step: IteratorResult<Uint8Array>) => void; reject: (err: unknown) => void } | undefined;

  constructor(private readonly maxHeldBytes: number) {}

  /** When the chunk last handed to the reader came from the target: the reader's arrival times. */
  now(): number {
    return this.lastArrivedAt;
  }

  /** `arrivedAt`: when the chunk came from the target, for the stream's arrival times. */
  push(chunk: Uint8Array, arrivedAt: number): void {
    if (this.stopped || this.ended) return;
    const waiting = this.take();
    if (waiting) {
      this.lastArrivedAt = arrivedAt;
      return waiting.resolve({ value: chunk, done: false });
    }
    if (this.heldBytes + chunk.byteLength > this.maxHeldBytes) {
      this.fellBehind = this.heldBytes + chunk.byteLength;
      this.stop();
      return;
    }
    this.held.push({ chunk, arrivedAt });
    this.heldBytes += chunk.byteLength;
  }

  /** The body ended cleanly. */
  end(): void {
    this.ended = true;
    this.take()?.resolve({ value: undefined, done: true });
  }

  /** The body broke off: the reader sees `error` once it has read what came before. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = { error };
    this.take()?.reject(error);
  }

  /** The reader is done: what is held and what comes later is dropped. */
  stop(): void {
    this.stopped = true;
    this.held = [];
    this.heldBytes = 0;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        if (this.fellBehind !== undefined) return Promise.reject(new ChecksFellBehind(this.fellBehind));
        const next = this.held.shift();
        if (next !== undefined) {
          this.heldBytes -= next.chunk.byteLength;
          this.lastArrivedAt = next.arrivedAt;
          return Promise.resolve({ value: next.chunk, done: false });
        }
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.ended || this.stopped) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
      },
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private take() {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }
}

/**
 * The checker's side of the tee: the proxy pushes each chunk here right after forwarding it, and
 * the checks read it as an async iterable at their own pace. Nothing here ever waits on the
 * reader, so checking never holds the stream back; once the reader is done (`stop`), later chunks
 * are dropped rather than kept.
 */
export class ByteQueue implements AsyncIterable<Uint8Array> {
  private held: Uint8Array[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private waiting: { resolve: (step: IteratorResult<Uint8Array>) => void; reject: (err: unknown) => void } | undefined;

  push(chunk: Uint8Array): void {
    if (this.stopped || this.ended) return;
    const waiting = this.take();
    if (waiting) waiting.resolve({ value: chunk, done: false });
    else this.held.push(chunk);
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
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        const chunk = this.held.shift();
        if (chunk !== undefined) return Promise.resolve({ value: chunk, done: false });
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

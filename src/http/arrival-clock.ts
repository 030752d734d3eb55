/** How often the clock notes that the event loop is free. */
const TICK_MS = 10;
/** Data handed over later than this after the last tick came while the event loop was blocked. */
const BLOCKED_MS = 50;

/** Tells the time a piece of a stream arrived, on the performance.now() scale (`performance` is one). */
export interface Clock {
  now(): number;
}

/**
 * When the pieces of a stream arrived, as well as the tool can tell. Data is handed over only when
 * the event loop is free; while it is blocked (the tool's own work, another scenario's checks),
 * data waits in the kernel and is then handed over late and all at once, which would make a
 * streamed answer look buffered. A timer notes each moment the loop is free; data handed over long
 * after the last such moment is stamped at that moment, the earliest it can have arrived. Stamps
 * never go backwards. `stop` ends the timer (it never keeps the process alive).
 */
export class ArrivalClock implements Clock {
  private freeAt = performance.now();
  private tickAt = this.freeAt;
  private last = 0;
  private readonly timer = setInterval(() => {
    const now = performance.now();
    // A late tick runs first thing after a block, before the data that waited is handed over: it
    // shows the loop was blocked since the tick before, so it does not count as a free moment.
    if (now - this.tickAt <= BLOCKED_MS) this.freeAt = now;
    this.tickAt = now;
  }, TICK_MS).unref();

  /** performance.now() for data handed over now: now, or the last free moment when the loop was blocked. */
  now(): number {
    const now = performance.now();
    const at = Math.max(this.last, now - this.freeAt > BLOCKED_MS ? this.freeAt : now);
    this.last = at;
    return at;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

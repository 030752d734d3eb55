/** Default for `CheckContext.maxBodyBytes` when a caller sets none: the CLI's default cap. */
export const DEFAULT_TEXT_BUDGET = 32 * 1024 * 1024;

/** Pieces kept before they are joined into a block, so a long run of small deltas holds few strings. */
const JOIN_EVERY = 1024;

/**
 * The characters (or, for whole items, the bytes of their events) one check may hold for a stream. Any text the server states
 * whole (a done event, a finished part, the final response) arrives in one message no larger than
 * the run's --max-body-bytes, so longer streamed text could never be matched: it is not kept.
 */
export class TextBudget {
  constructor(private remaining: number) {}

  take(chars: number): boolean {
    if (chars > this.remaining) return false;
    this.remaining -= chars;
    return true;
  }

  give(chars: number): void {
    this.remaining += chars;
  }
}

/**
 * Text accumulated from deltas within a budget. Past the budget it is dropped and `value` is
 * undefined: the comparison it served is skipped rather than made on a fragment.
 */
export class StreamedText {
  /** Joined runs of pieces; each piece is copied into a block once, so accumulating stays linear. */
  private blocks: string[] = [];
  private pieces: string[] = [];
  private held = 0;
  private dropped = false;

  constructor(private readonly budget: TextBudget) {}

  append(piece: string): void {
    if (this.dropped) return;
    if (!this.budget.take(piece.length)) {
      this.release();
      this.dropped = true;
      return;
    }
    this.held += piece.length;
    this.pieces.push(piece);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: joining sooner or later changes the memory held, never the text.
    if (this.pieces.length >= JOIN_EVERY) {
      this.blocks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  /** The whole text so far, or undefined when it outgrew the budget. */
  get value(): string | undefined {
    if (this.dropped) return undefined;
    const text = this.blocks.join('') + this.pieces.join('');
    this.blocks = [text];
    this.pieces = [];
    return text;
  }

  get isEmpty(): boolean {
    return !this.dropped && this.held === 0;
  }

  /** Gives the held characters back to the budget; call when the text is no longer needed. */
  release(): void {
    this.budget.give(this.held);
    this.held = 0;
    this.blocks = [];
    this.pieces = [];
  }
}

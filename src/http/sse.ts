import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { SseFrame, StreamEnd } from '../checks/types.js';

/** Limits that keep memory bounded whatever the server sends. */
export interface SseLimits {
  /** Largest single SSE message, in bytes, before the stream is cut off. */
  maxEventBytes: number;
  /** Most messages read from one stream before it is cut off. */
  maxEvents: number;
}

/** Why the framer stopped accepting input early, if it did. */
export type SseCutoff = { reason: 'event-too-large'; bytes: number } | { reason: 'too-many-events'; events: number };

/**
 * Incremental SSE framing over raw bytes. Bytes are split at line feeds before they reach the
 * parser, so every frame knows the byte offset at which it ended; UTF-8 is decoded in streaming
 * mode, so a character split across chunks is decoded whole.
 */
export class SseFramer {
  private readonly parser: EventSourceParser;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly lenientDecoder = new TextDecoder('utf-8');
  private bytesSeen = 0;
  private bytesAtLastFrame = 0;
  private frameCount = 0;
  private invalidUtf8 = false;
  private pendingData = false;
  private finishing = false;
  private unterminated = false;
  cutoff: SseCutoff | undefined;

  constructor(
    private readonly onFrame: (frame: SseFrame) => void,
    private readonly limits: SseLimits,
    private readonly startedAt: number = performance.now(),
  ) {
    this.parser = createParser({
      onEvent: (message) => {
        if (this.finishing) this.unterminated = true;
        const frame: SseFrame = {
          index: this.frameCount++,
          data: message.data,
          byteOffset: this.bytesSeen,
          receivedAtMs: Math.round(performance.now() - this.startedAt),
        };
        if (message.event !== undefined) frame.event = message.event;
        if (message.id !== undefined) frame.id = message.id;
        this.bytesAtLastFrame = this.bytesSeen;
        this.pendingData = false;
        this.onFrame(frame);
        if (this.frameCount >= this.limits.maxEvents) this.cutoff ??= { reason: 'too-many-events', events: this.frameCount };
      },
    });
  }

  /** True once the stream held a byte sequence that is not UTF-8. */
  get sawInvalidUtf8(): boolean {
    return this.invalidUtf8;
  }

  get frames(): number {
    return this.frameCount;
  }

  get bytes(): number {
    return this.bytesSeen;
  }

  /** Feeds raw bytes. Returns false once a limit was hit; the caller then stops reading. */
  push(chunk: Uint8Array): boolean {
    let start = 0;
    while (start < chunk.length && !this.cutoff) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      const piece = chunk.subarray(start, end);
      this.bytesSeen += piece.length;
      this.pendingData = true;
      this.parser.feed(this.decode(piece));
      // A blank line ends a message even when it dispatches nothing (a comment such as `: ping`).
      if (isBlankLine(piece)) this.bytesAtLastFrame = this.bytesSeen;
      start = end;
      const open = this.bytesSeen - this.bytesAtLastFrame;
      if (this.pendingData && open > this.limits.maxEventBytes) {
        this.cutoff = { reason: 'event-too-large', bytes: open };
      }
    }
    return !this.cutoff;
  }

  /**
   * Ends the input. At the end of the body, a message still missing its closing blank line is
   * dispatched and flagged. When the stream was cut instead (deadline, reset, cap), the partial
   * message is dropped: its data was cut by the transport, which has its own finding, and checking
   * it would blame the server for half a JSON value and a missing blank line it never sent.
   */
  finish(reason: StreamEnd['reason']): StreamEnd {
    if (!this.cutoff && reason === 'eof') {
      this.finishing = true;
      // Whatever the body ended with, two line feeds complete a pending message; none is pending
      // after a properly closed one, so any dispatch here is an unterminated last message.
      this.parser.feed(`${this.decode(new Uint8Array(0), false)}\n\n`);
      this.finishing = false;
    }
    return {
      reason: this.cutoff ? 'cap' : reason,
      frames: this.frameCount,
      unterminatedMessage: this.unterminated,
    };
  }

  private decode(bytes: Uint8Array, stream = true): string {
    if (!this.invalidUtf8) {
      try {
        return this.decoder.decode(bytes, { stream });
      } catch {
        this.invalidUtf8 = true;
      }
    }
    return this.lenientDecoder.decode(bytes, { stream });
  }
}

function isBlankLine(piece: Uint8Array): boolean {
  return (piece.length === 1 && piece[0] === 0x0a) || (piece.length === 2 && piece[0] === 0x0d && piece[1] === 0x0a);
}

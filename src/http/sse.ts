import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { StreamMessage, StreamEnd } from '../checks/types.js';

/** Limits that keep memory bounded whatever the server sends. */
export interface SseLimits {
  /** Largest single SSE message, in bytes, before the stream is cut off. */
  maxEventBytes: number;
  /** Most messages read from one stream before it is cut off. */
  maxEvents: number;
}

/** Why the framer stopped accepting input early, if it did. */
export type SseCutoff = { reason: 'event-too-large'; bytes: number } | { reason: 'too-many-events'; events: number };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Incremental SSE framing over raw bytes. Bytes are split into lines before they reach the
 * parser, so every frame knows the byte offset at which it ended; UTF-8 is decoded in streaming
 * mode, so a character split across chunks is decoded whole. The SSE standard (WHATWG) ends a
 * line with CRLF, LF or a CR alone; the framer hands the parser every line ended by a single LF,
 * because the parser holds back a CR at the end of its input (it may be the start of a CRLF) and
 * would otherwise see a CR-ended stream's last message only at the end of the body.
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
  /** True when the last byte read was a CR, so a LF right after it closes no further line. */
  private afterCr = false;
  /** The first characters of the current line, enough to tell an `id` field. */
  private lineHead = '';
  /** True while the current line has any byte besides its line ending. */
  private lineHasContent = false;
  /** True when the current message has an `id:` line. */
  private messageHasId = false;
  /** Frames dispatched when the current message started. */
  private framesAtMessageStart = 0;
  private idOnly: StreamEnd['idWithoutData'];
  cutoff: SseCutoff | undefined;

  constructor(
    private readonly onFrame: (frame: StreamMessage) => void,
    private readonly limits: SseLimits,
    private readonly startedAt: number = performance.now(),
  ) {
    this.parser = createParser({
      onEvent: (message) => {
        if (this.finishing) this.unterminated = true;
        const frame: StreamMessage = {
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
      if (this.afterCr) {
        this.afterCr = false;
        // The LF of a CRLF: the line already ended at its CR.
        if (chunk[start] === LF) {
          this.bytesSeen++;
          if (this.bytesAtLastFrame === this.bytesSeen - 1) this.bytesAtLastFrame = this.bytesSeen;
          start++;
          continue;
        }
      }
      const end = lineEnd(chunk, start);
      const piece = chunk.subarray(start, end);
      const ending = end > start && (chunk[end - 1] === LF || chunk[end - 1] === CR) ? chunk[end - 1] : undefined;
      this.bytesSeen += piece.length;
      this.pendingData = true;
      const text = this.decode(piece);
      this.feedLine(ending === CR ? `${text.slice(0, -1)}\n` : text, ending !== undefined);
      if (ending === CR) this.afterCr = true;
      start = end;
      const open = this.bytesSeen - this.bytesAtLastFrame;
      if (this.pendingData && open > this.limits.maxEventBytes) {
        this.cutoff = { reason: 'event-too-large', bytes: open };
      }
    }
    return !this.cutoff;
  }

  /** Hands the parser text of the current line, ended by a single LF when `ended`. */
  private feedLine(text: string, ended: boolean): void {
    const content = ended ? text.slice(0, -1) : text;
    if (this.lineHead.length < 3) this.lineHead += content.slice(0, 3 - this.lineHead.length);
    const blank = ended && !this.lineHasContent && content.length === 0;
    this.lineHasContent ||= content.length > 0;
    this.parser.feed(text);
    if (!ended) return;
    // The parser drops the `id:` of a message without data; the framer notes it itself.
    if (this.lineHead === 'id' || this.lineHead.startsWith('id:')) this.messageHasId = true;
    this.lineHead = '';
    this.lineHasContent = false;
    if (!blank) return;
    // A blank line ends a message even when it dispatches nothing (a comment such as `: ping`).
    this.bytesAtLastFrame = this.bytesSeen;
    if (this.messageHasId && this.frameCount === this.framesAtMessageStart) this.idOnly ??= { byteOffset: this.bytesSeen };
    this.messageHasId = false;
    this.framesAtMessageStart = this.frameCount;
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
      ...(this.idOnly === undefined ? {} : { idWithoutData: this.idOnly }),
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

/** The position after the next line ending (LF or CR) from `start`, or the chunk's end. */
function lineEnd(chunk: Uint8Array, start: number): number {
  for (let index = start; index < chunk.length; index++) if (chunk[index] === LF || chunk[index] === CR) return index + 1;
  return chunk.length;
}

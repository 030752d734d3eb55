import { isAscii } from 'node:buffer';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { StreamMessage, StreamEnd } from '../checks/types.js';
import type { Clock } from './arrival-clock.js';

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
/** An `id` line: `id` alone or `id:` and a value (WHATWG SSE: a line without a colon is a field name). */
const ID_LINE = /(?:^|[\r\n])id(?::|[\r\n])/;

/**
 * Incremental SSE framing over raw bytes. The bytes are cut into messages where a blank line ends
 * one, and each message is decoded once and handed whole to eventsource-parser, so every frame
 * knows the byte offset at which it ended. The SSE standard (WHATWG) ends a line with CRLF, LF or a
 * CR alone; a message ended by a lone CR is handed over with a LF after it, because the parser
 * holds back a CR at the end of its input (it may be the start of a CRLF) and would otherwise see a
 * CR-ended stream's last message only at the end of the body. A message boundary is always an
 * ASCII line ending, so decoding message by message never splits a UTF-8 character.
 */
export class SseFramer {
  private readonly parser: EventSourceParser;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Bytes pushed so far. */
  private bytesSeen = 0;
  /** Where the current message began: after the last blank line. */
  private messageStart = 0;
  /** The bytes of the current message that came in earlier chunks. */
  private pending: Uint8Array[] = [];
  /** Where the message being parsed ended; the frames it dispatches carry it. */
  private dispatchOffset = 0;
  /** When the chunk being framed arrived, in ms after the start. */
  private receivedAtMs = 0;
  /** The chunk being framed, decoded at once when it is all ASCII (a byte is then a character). */
  private chunkText: string | undefined;
  private chunkIsAscii = false;
  private frameCount = 0;
  private invalidUtf8 = false;
  private finishing = false;
  private unterminated = false;
  /** True when the last byte read ended a line, so a line ending next ends the message. */
  private atLineStart = true;
  /** True when the last byte read was a CR, so a LF right after it closes no further line. */
  private afterCr = false;
  private idOnly: StreamEnd['idWithoutData'];
  cutoff: SseCutoff | undefined;

  constructor(
    private readonly onFrame: (frame: StreamMessage) => void,
    private readonly limits: SseLimits,
    private readonly startedAt: number = performance.now(),
    /** When a chunk handed over now arrived: a live run's ArrivalClock, the proxy's stamps, or the time now. */
    private readonly clock: Clock = performance,
  ) {
    this.parser = createParser({
      onEvent: (message) => {
        if (this.finishing) this.unterminated = true;
        const frame: StreamMessage = {
          index: this.frameCount++,
          data: message.data,
          byteOffset: this.dispatchOffset,
          receivedAtMs: this.receivedAtMs,
        };
        if (message.event !== undefined) frame.event = message.event;
        if (message.id !== undefined) frame.id = message.id;
        this.onFrame(frame);
        if (this.frameCount >= this.limits.maxEvents) this.cutoff ??= { reason: 'too-many-events', events: this.frameCount };
      },
    });
  }

  /** True once the stream held a byte sequence that is not UTF-8. */
  get sawInvalidUtf8(): boolean {
    return this.invalidUtf8;
  }

  /** Feeds raw bytes. Returns false once a limit was hit; the caller then stops reading. */
  push(chunk: Uint8Array): boolean {
    if (this.cutoff) return false;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const chunkStart = this.bytesSeen;
    this.bytesSeen += bytes.length;
    // A clock that corrects for a blocked event loop may name a moment before the start: it came no earlier.
    this.receivedAtMs = Math.max(0, Math.round(this.clock.now() - this.startedAt));
    // Most streams end lines with LF alone: native searches then find the blank lines.
    const lfOnly = !this.afterCr && bytes.indexOf(CR) === -1;
    this.chunkText = undefined;
    this.chunkIsAscii = isAscii(bytes);
    let start = 0;
    while (!this.cutoff && start < bytes.length) {
      if (this.afterCr && bytes[start] === LF && this.messageStart === chunkStart + start) {
        // The LF of a CRLF whose CR ended the previous message belongs to that message.
        this.afterCr = false;
        this.messageStart++;
        start++;
        continue;
      }
      const end = lfOnly ? this.blankLineEndLf(bytes, start) : this.blankLineEnd(bytes, start);
      if (end === -1) break;
      this.endMessage(bytes, start, end, chunkStart + end);
      start = end;
    }
    if (this.cutoff || start >= bytes.length) return !this.cutoff;
    // The chunk is the framer's to keep (a stream hands each chunk over); no copy is made.
    const rest = bytes.subarray(start);
    this.pending.push(rest);
    const open = this.bytesSeen - this.messageStart;
    if (open > this.limits.maxEventBytes) this.cutoff = { reason: 'event-too-large', bytes: open };
    return !this.cutoff;
  }

  /** The end of the next blank line from `from` in a chunk without CR, or -1. */
  private blankLineEndLf(bytes: Buffer, from: number): number {
    if (this.atLineStart && bytes[from] === LF) return from + 1;
    // A single-byte search is a native memchr; most lines end in one LF, so few are tried.
    for (let at = bytes.indexOf(LF, from); at !== -1; at = bytes.indexOf(LF, at + 1)) {
      if (at + 1 === bytes.length) break;
      if (bytes[at + 1] === LF) {
        this.atLineStart = true;
        return at + 2;
      }
    }
    this.atLineStart = bytes[bytes.length - 1] === LF;
    return -1;
  }

  /** The end of the next blank line from `from`, with any line endings, or -1. */
  private blankLineEnd(bytes: Buffer, from: number): number {
    for (let index = from; index < bytes.length; index++) {
      const byte = bytes[index];
      if (this.afterCr) {
        this.afterCr = false;
        // The LF of a CRLF: the line already ended at its CR.
        if (byte === LF) continue;
      }
      if (byte !== LF && byte !== CR) {
        this.atLineStart = false;
        continue;
      }
      this.afterCr = byte === CR;
      if (this.atLineStart) return index + 1;
      this.atLineStart = true;
    }
    return -1;
  }

  /** Parses one message, whose last bytes are `bytes[start, end)`; it ended at `endOffset`. */
  private endMessage(bytes: Buffer, start: number, end: number, endOffset: number): void {
    const size = endOffset - this.messageStart;
    if (size > this.limits.maxEventBytes) {
      this.cutoff = { reason: 'event-too-large', bytes: size };
      return;
    }
    let text = this.messageText(bytes, start, end);
    // A LF after the final CR makes it a CRLF to the parser, which then ends the line at once.
    if (text.charCodeAt(text.length - 1) === CR) text += '\n';
    const framesBefore = this.frameCount;
    this.dispatchOffset = endOffset;
    this.parser.feed(text);
    // The parser drops the `id:` of a message without data; the framer notes it itself.
    if (this.frameCount === framesBefore && ID_LINE.test(text)) this.idOnly ??= { byteOffset: endOffset };
    this.messageStart = endOffset;
  }

  /** The text of a message whose last bytes are `bytes[start, end)`. */
  private messageText(bytes: Buffer, start: number, end: number): string {
    if (this.pending.length > 0 || !this.chunkIsAscii) return this.decode(this.takePending(bytes.subarray(start, end)));
    // One decode of the whole chunk serves all its messages.
    const text = (this.chunkText ??= bytes.toString('latin1'));
    return text.slice(start, end);
  }

  /** The current message's bytes: those held from earlier chunks followed by `tail`. */
  private takePending(tail: Uint8Array): Uint8Array {
    if (this.pending.length === 0) return tail;
    this.pending.push(tail);
    const whole = Buffer.concat(this.pending);
    this.pending = [];
    return whole;
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
      this.dispatchOffset = this.bytesSeen;
      // Whatever the body ended with, two line feeds complete a pending message; none is pending
      // after a properly closed one, so any dispatch here is an unterminated last message.
      this.parser.feed(`${this.decode(this.takePending(new Uint8Array(0)))}\n\n`);
      this.finishing = false;
    }
    return {
      reason: this.cutoff ? 'cap' : reason,
      frames: this.frameCount,
      unterminatedMessage: this.unterminated,
      ...(this.idOnly === undefined ? {} : { idWithoutData: this.idOnly }),
    };
  }

  /** UTF-8 text of the current message; the stream's byte order mark, if any, is dropped. */
  private decode(bytes: Uint8Array): string {
    let text: string | undefined;
    if (!this.invalidUtf8) {
      try {
        text = this.decoder.decode(bytes);
      } catch {
        this.invalidUtf8 = true;
      }
    }
    text ??= this.lenientDecoder.decode(bytes);
    // Only the message that starts the stream can begin with its byte order mark.
    return this.messageStart === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

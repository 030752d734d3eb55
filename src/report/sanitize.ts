/**
 * Cleaning of text that came from the target server before it reaches a terminal or a report.
 * A hostile server controls finding messages and observed values; it must not be able to move the
 * cursor, retitle the window, plant hyperlinks or reorder text through them.
 */

/**
 * ANSI/ECMA-48 escape sequences, in three shapes:
 * - CSI (`ESC [` or the 8-bit `U+009B`): parameter bytes, intermediate bytes, one final byte;
 * - string commands (OSC, DCS, SOS, PM, APC) up to BEL or ST; without a terminator they run to the
 *   end of the text, as a terminal would read them;
 * - any other escape: `ESC`, intermediate bytes, one final byte.
 */
const ANSI_ESCAPE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/** Line and paragraph breaks; in a one-line report field they become a single space. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** C0 and C1 controls, DEL, and the bidirectional marks and overrides ("Trojan Source"). */
const CONTROL_AND_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes ANSI escape sequences whole, so their parameters (`[31m`) do not linger as text. */
export function stripAnsiEscapes(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * Makes a server-supplied string safe to print on one terminal line: escape sequences and
 * control characters removed, line breaks turned into spaces.
 */
export function sanitizeForTerminal(text: string): string {
  return stripAnsiEscapes(text).replace(LINE_BREAKS, ' ').replace(CONTROL_AND_BIDI, '');
}

/** Longest expected/seen/excerpt value printed; a server can put megabytes into one field. */
const MAX_VALUE_CHARS = 240;

/** Sanitised and shortened, without splitting a surrogate pair at the cut. */
export function printableValue(text: string): string {
  const cleaned = sanitizeForTerminal(text);
  if (cleaned.length <= MAX_VALUE_CHARS) return cleaned;
  const cut = /[\ud800-\udbff]/.test(cleaned[MAX_VALUE_CHARS - 1]) ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS;
  return `${cleaned.slice(0, cut)}…`;
}

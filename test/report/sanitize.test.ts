import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal, stripAnsiEscapes } from '../../src/report/sanitize.js';

describe('stripAnsiEscapes', () => {
  it('removes CSI sequences whole, parameters included', () => {
    expect(stripAnsiEscapes('\u001b[31mred\u001b[0m \u001b[2J\u001b[1;1H')).toBe('red ');
  });

  it('removes OSC strings terminated by BEL or ST, payload included', () => {
    expect(stripAnsiEscapes('a\u001b]0;title\u0007b')).toBe('ab');
    expect(stripAnsiEscapes('a\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
  });

  it('removes 8-bit CSI and short escapes', () => {
    expect(stripAnsiEscapes('a\u009b31mb\u001bcc\u001b(Bd')).toBe('abcd');
  });
});

describe('sanitizeForTerminal', () => {
  it('leaves ordinary text alone, including non-ASCII and emoji', () => {
    expect(sanitizeForTerminal('déjà vu 😀 — “quoted” <&>')).toBe('déjà vu 😀 — “quoted” <&>');
  });

  it('drops C0 and C1 controls, DEL and a bare ESC', () => {
    expect(sanitizeForTerminal('a\u0000b\u0007c\u007fd\u0085e\u0080f\u0099g\u001b')).toBe('abcd efg');
  });

  it('turns line breaks and tabs into single spaces so a value cannot forge report lines', () => {
    expect(sanitizeForTerminal('one\r\ntwo\tthree\u2028four')).toBe('one two three four');
  });

  it('drops bidirectional overrides', () => {
    expect(sanitizeForTerminal('a\u202eb\u2066c\u2069d\u200fe')).toBe('abcde');
  });

  it('leaves no ESC byte in hostile input', () => {
    const hostile = '\u001b[31m\u001b]0;pwned\u0007\u001b]52;c;Zm9v\u001b\\\u001bP+q\u001b\\\u001b[?1049h\u009b2J';
    expect(sanitizeForTerminal(hostile)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

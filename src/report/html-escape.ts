import { stripAnsiEscapes } from './sanitize.js';

/**
 * Characters a report page must not carry: C0 controls other than tab, LF and CR, DEL, C1
 * controls, the bidirectional marks and overrides (they can reorder what a reader sees), the
 * noncharacters U+FFFE/U+FFFF, and surrogates that are not part of a pair. Emoji are kept.
 */
const HTML_UNWANTED =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Any text, server-supplied or not, ready to be element content or a double-quoted attribute
 * value: markup characters become references, escape sequences and unwanted characters go.
 * Never use it for a URL, a style or a script: the report puts no outside text there.
 */
export function escapeHtml(text: string): string {
  return stripAnsiEscapes(text)
    .replace(HTML_UNWANTED, '')
    .replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

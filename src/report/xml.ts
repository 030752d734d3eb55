import { stripAnsiEscapes } from './sanitize.js';

/**
 * Characters XML 1.0 does not allow at all: C0 controls other than tab, LF and CR, U+FFFE,
 * U+FFFF, and surrogates that are not part of a pair. Valid pairs (emoji) are kept.
 */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers normalise literal whitespace in attributes to spaces; references keep it.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  // Escaping `>` means `]]>` can never appear in the output.
  '>': '&gt;',
  // Parsers turn a literal CR into LF; the reference keeps it.
  '\r': '&#13;',
};

/** Text reduced to what an XML 1.0 document may hold: escape sequences and forbidden characters removed. */
function toXmlCharacters(text: string): string {
  return stripAnsiEscapes(text).replace(XML_FORBIDDEN, '');
}

/** A value ready to sit between double quotes in an attribute. */
export function xmlAttribute(value: string): string {
  return toXmlCharacters(value).replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}

/** A value ready to be element content. */
export function xmlText(value: string): string {
  return toXmlCharacters(value).replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char]);
}

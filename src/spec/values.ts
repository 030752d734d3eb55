/** Helpers to point into JSON values and describe them briefly in findings. */

const MAX_SHOWN = 120;

/** A short description of a value for "saw …": its JSON, cut to a readable length. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    // A long string is cut before it is quoted: its first characters quote to at least as many, so
    // the cut text is the same, and a 10-million-character input costs nothing to describe.
    const shown = typeof value === 'string' && value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value;
    text = JSON.stringify(shown) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text, MAX_SHOWN);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

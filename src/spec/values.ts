/** Helpers to point into JSON values and describe them briefly in findings. */

const MAX_SHOWN = 120;

/** A short description of a value for "saw …": its JSON, cut to a readable length. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text, MAX_SHOWN);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

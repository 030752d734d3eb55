import { finding } from '../finding.js';
import { truncate } from '../../spec/values.js';
import type { BodyCheck } from '../types.js';

/** Characters shown each side of where the parse failed. */
const CONTEXT_CHARS = 40;

/** A body that should be JSON (a 200 answer, or an error body, HTTP-07) but does not parse. */
export const bodyNotJson: BodyCheck = {
  kind: 'body',
  id: 'transport/body-not-json',
  requirement: 'HTTP-07',
  severity: 'MUST',
  section: 'HTTP Responses',
  title: 'A JSON answer parses as JSON',
  check(obs) {
    if (obs.json !== undefined) return [];
    const problem = parseProblem(obs.text ?? '');
    return [
      finding(bodyNotJson, 'fail', `The body of the HTTP ${obs.http.status} answer is not JSON${problem.why === '' ? '' : `: ${problem.why}`}.`, {
        expected: 'a JSON document',
        actual: problem.shown,
      }),
    ];
  },
};

/**
 * Why the text does not parse and the part of it that shows it: around the failing position, or
 * the end of a body that stops short (a cut-off body's start looks valid).
 */
function parseProblem(text: string): { why: string; shown: string } {
  if (text.trim() === '') return { why: '', shown: 'an empty body' };
  let why = '';
  try {
    JSON.parse(text);
  } catch (err) {
    // V8 quotes the start of the text in some messages; keep the sentence readable.
    why = truncate(err instanceof Error ? err.message : String(err), 160);
  }
  const position = /position (\d+)/.exec(why);
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  if (position !== null) {
    const at = Number(position[1]);
    const before = text.slice(Math.max(0, at - CONTEXT_CHARS), at);
    const after = text.slice(at, at + CONTEXT_CHARS);
    return { why, shown: `${at > CONTEXT_CHARS ? '…' : ''}${flat(before)}⟨here⟩${flat(after)}${at + CONTEXT_CHARS < text.length ? '…' : ''}` };
  }
  if (/end of JSON input/i.test(why)) return { why, shown: `…${flat(text.slice(-2 * CONTEXT_CHARS))}` };
  return { why, shown: truncate(flat(text), 2 * CONTEXT_CHARS) };
}

import { finding } from '../finding.js';
import { parsesAsJson } from '../stream/json-compare.js';
import type { ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/**
 * OAS:FunctionCall: `arguments` is "the arguments JSON string that was generated", so a
 * `completed` call's arguments parse as JSON (REQ-TC-07; an `incomplete` call may be cut off).
 * Whether they also fit the tool's `parameters` schema is not judged: the checks compile the
 * spec's own schemas only.
 */
export const functionCallArgumentsJson: ResponseCheck = {
  kind: 'response',
  id: 'response/function-call-arguments-json',
  requirement: 'REQ-TC-07',
  severity: 'IMPLIED',
  section: 'Tools',
  title: 'A completed function call has arguments that parse as JSON',
  check(obs) {
    return outputItems(obs.response)
      .filter(({ item }) => item.type === 'function_call' && item.status === 'completed' && typeof item.arguments === 'string' && !parsesAsJson(item.arguments))
      .map(({ index, item }) =>
        finding(functionCallArgumentsJson, 'fail', `The completed function call at output position ${index} has arguments that are not valid JSON.`, {
          expected: 'a JSON text',
          actual: JSON.stringify(String(item.arguments).slice(0, 80)),
          location: { path: `/output/${index}/arguments` },
        }),
      );
  },
};

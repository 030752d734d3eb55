import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { CheckContext, Finding, ResponseCheck, ResponseObservation } from '../types.js';
import { outputItems, requestSettings } from './items.js';

/**
 * OAS:FunctionCall: `arguments` is "the arguments JSON string that was generated", so a
 * `completed` call's arguments parse as JSON (REQ-TC-07; an `incomplete` call may be cut off), and
 * they fit the `parameters` schema of the tool the request offered under that name: a failure when
 * the response echoes the tool with `strict: true` (the model then "will always follow the exact
 * schema"), a warning otherwise. Offline, the tools the response echoes stand for those offered.
 */
export const functionCallArgumentsJson: ResponseCheck = {
  kind: 'response',
  id: 'response/function-call-arguments-json',
  requirement: 'REQ-TC-07',
  severity: 'IMPLIED',
  section: 'Tools',
  title: "A completed function call has arguments that parse as JSON and fit the tool's parameters",
  check(obs, ctx) {
    return outputItems(obs.response).flatMap(({ index, item }): Finding[] => {
      if (item.type !== 'function_call' || item.status !== 'completed' || typeof item.arguments !== 'string') return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(item.arguments);
      } catch {
        return [
          finding(functionCallArgumentsJson, 'fail', `The completed function call at output position ${index} has arguments that are not valid JSON.`, {
            expected: 'a JSON text',
            actual: JSON.stringify(item.arguments.slice(0, 80)),
            location: { path: `/output/${index}/arguments` },
          }),
        ];
      }
      return fitFindings(obs, ctx, index, String(item.name), parsed);
    });
  },
};

/** The function tools of a list (`tools` of the request or of the response) by name. */
function functionTool(tools: unknown, name: string): Record<string, unknown> | undefined {
  if (!Array.isArray(tools)) return undefined;
  return tools.find((tool): tool is Record<string, unknown> => isRecord(tool) && tool.type === 'function' && tool.name === name);
}

function fitFindings(obs: ResponseObservation, ctx: CheckContext, index: number, name: string, args: unknown): Finding[] {
  const offered = functionTool(requestSettings(obs).values.tools, name);
  const parameters = offered?.parameters;
  if (!isRecord(parameters)) return [];
  const issues = ctx.schemas.validateAgainst(parameters, args);
  if (issues === undefined || issues.length === 0) return [];
  const strict = functionTool(obs.response.tools, name)?.strict === true;
  return issues.map((issue) =>
    finding(
      functionCallArgumentsJson,
      strict ? 'fail' : 'warn',
      `The arguments of the completed call to ${name} (output position ${index}) do not fit the tool's parameters${strict ? ', although the tool is strict' : ''}: ${issue.message}.`,
      { expected: issue.expected, actual: issue.actual, location: { path: `/output/${index}/arguments` } },
    ),
  );
}

import type { OutcomeExpectation } from '../checks/scenario/outcome.js';
import type { Form, JsonValue, OutcomeTemplate, ScenarioRecord, StepTemplate } from './record.js';
import { resolveTemplate, UnresolvedReference } from './references.js';
import { COSTLY_TAG, type Scenario, type ScenarioStep } from './types.js';

/** The request schema of each endpoint a scenario step may call. */
export const ENDPOINT_REQUEST_SCHEMAS: Readonly<Record<string, string>> = {
  '/responses': 'CreateResponseBody',
  '/responses/compact': 'CompactResponseMethodPublicBody',
};

/** The schema of a `response.create` message on a WebSocket (2026-04-24). */
export const WEBSOCKET_CREATE_SCHEMA = 'WebSocketResponseCreateEvent';

const COMPACT_PATH = '/responses/compact';

/** The name a step goes by: its own, or `request` / `turn-N`. */
export function stepName(step: StepTemplate, index: number, count: number): string {
  return step.name ?? (count === 1 ? 'request' : `turn-${index + 1}`);
}

/**
 * The runnable scenarios of one record under one spec release: one per form. A record for a
 * feature the release lacks is kept, marked to be skipped with the reason.
 */
export function compileRecord(record: ScenarioRecord, specVersion: string): Scenario[] {
  const forms: Form[] = record.forms ?? ['json'];
  return forms.map((form) => {
    const scenario: Scenario = {
      id: forms.length > 1 && form === 'stream' ? `${record.id}-stream` : record.id,
      title: forms.length > 1 && form === 'stream' ? `${record.title}, streamed` : record.title,
      tags: scenarioTags(record, form),
      requirements: record.requirements,
      capability: record.capability ?? 'core',
      steps: compileSteps(record, form),
    };
    if (record.specVersions && !record.specVersions.includes(specVersion)) {
      scenario.unsupported = `spec ${specVersion} does not have what this scenario tests (it is in ${record.specVersions.join(', ')})`;
    }
    return scenario;
  });
}

function scenarioTags(record: ScenarioRecord, form: Form): string[] {
  // A record sent only over a WebSocket has no JSON or stream form.
  const http = record.steps.some((step) => step.transport !== 'websocket');
  const tags = new Set([...(record.tags ?? []), ...(http ? [form] : []), record.capability ?? 'core']);
  if (record.referenceOnly) tags.add('reference-only');
  if (record.costly) tags.add(COSTLY_TAG);
  return [...tags];
}

function compileSteps(record: ScenarioRecord, form: Form): ScenarioStep[] {
  const names = record.steps.map((step, i) => stepName(step, i, record.steps.length));
  return record.steps.map((template, index) => {
    const path = template.path ?? '/responses';
    const socket = template.transport === 'websocket';
    const negative = template.reject !== undefined || template.withoutCredentials === true || template.wrongCredentials === true || template.probe === true;
    const step: ScenarioStep = {
      name: names[index],
      method: 'POST',
      path,
      stream: !socket && (template.stream ?? (path === '/responses' && form === 'stream')),
      requestSchema: socket ? WEBSOCKET_CREATE_SCHEMA : (ENDPOINT_REQUEST_SCHEMAS[path] ?? 'CreateResponseBody'),
      body: ({ model, previous }) => {
        const scope = { model, steps: new Map(names.slice(0, index).map((name, i) => [name, previous[i]])) };
        try {
          // A socket message names its kind first; a probe's body may name another.
          const head = socket ? { type: 'response.create', model } : { model };
          const body: Record<string, unknown> = { ...head, ...(resolveTemplate(template.body as JsonValue, scope) as Record<string, unknown>) };
          for (const field of template.omit ?? []) delete body[field];
          return body;
        } catch (error) {
          if (error instanceof UnresolvedReference) return undefined;
          throw error;
        }
      },
    };
    if (path === COMPACT_PATH) step.answer = 'compaction';
    if (template.reject) step.rejection = template.reject;
    if (template.rawBody !== undefined) step.rawBody = template.rawBody;
    if (template.withoutCredentials) step.withoutCredentials = true;
    if (template.wrongCredentials) step.wrongCredentials = true;
    if (socket) step.transport = 'websocket';
    if (template.newConnection) step.newConnection = true;
    if (template.pipelined) step.pipelined = true;
    if (template.probe) step.probe = true;
    if (template.onlyIfFailed !== undefined) step.onlyIfFailed = template.onlyIfFailed;
    if (template.outcome === 'error') step.errorAnswer = true;
    else if (!negative) step.outcome = { ...outcomeOf(template.outcome ?? 'completed', record), ...(path === COMPACT_PATH ? { compaction: true } : {}) };
    if (template.expect && template.expect.length > 0) step.expectations = template.expect;
    return step;
  });
}

function outcomeOf(template: Exclude<OutcomeTemplate, 'error'>, record: ScenarioRecord): OutcomeExpectation {
  const full = typeof template === 'string' ? { status: template } : template;
  return {
    requirement: full.requirement ?? record.requirements[0] ?? 'HTTP-02',
    purpose: full.purpose ?? `what "${record.title}" tests`,
    status: full.status,
    ...(full.tolerated ? { tolerated: full.tolerated } : {}),
    ...(full.errorCode ? { errorCode: full.errorCode } : {}),
    ...(full.toleratedErrorCode ? { toleratedErrorCode: full.toleratedErrorCode } : {}),
    ...(full.errorAllowed ? { errorAllowed: true } : {}),
  };
}

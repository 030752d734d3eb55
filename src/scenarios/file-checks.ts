/**
 * What a scenario file must get right beyond its schema: ids no one else has, step names that
 * references can tell apart, references to earlier steps only, and bodies the endpoint accepts.
 */
import type { SchemaValidator } from '../checks/types.js';
import { didYouMean } from '../core/suggest.js';
import { requirementRows } from '../requirements/catalogue.js';
import { compileRecord, stepName } from './compile.js';
import { withoutExtensionEntries } from './extension-entries.js';
import type { FilePath, FileProblem } from './file-source.js';
import type { ScenarioRecord, StepTemplate } from './record.js';
import { parsePath, referenceSites, type ReferenceSite } from './references.js';
import type { ScenarioStep } from './types.js';

/** What the checks need beyond the records. */
export interface FileCheckContext {
  specVersion: string;
  schemas: SchemaValidator;
  /**
   * Every scenario id already taken, with the words naming its owner ("the built-in scenario …").
   * The ids of the records checked are added, so the next file cannot take them either.
   */
  owners: Map<string, string>;
  /** `file:line` of a place in this file, for a problem that names a second place. */
  where(at: FilePath): string;
}

/** Stands in for the run's model, which is not known when a file is read. */
const PLACEHOLDER_MODEL = 'open-responses-check-model';

/** A reference's head that names the run's model rather than a step. */
const MODEL_HEAD = 'model';

/** Every problem of the records, in file order. */
export function recordProblems(records: readonly ScenarioRecord[], context: FileCheckContext): FileProblem[] {
  return records.flatMap((record, index) => {
    const at: FilePath = ['scenarios', index];
    const compiled = compileRecord(record, context.specVersion);
    const problems = idProblems(record, compiled.map((s) => s.id), at, context);
    for (const { id } of compiled) {
      const owner = id === record.id ? `scenario "${id}"` : `the stream form of scenario "${record.id}"`;
      if (!context.owners.has(id)) context.owners.set(id, `${owner} at ${context.where(at)}`);
    }
    return [...problems, ...requirementProblems(record, at), ...stepProblems(record, compiled[0].steps, at, context)];
  });
}

/** Every requirement a record names must be a catalogue row: findings and reports name it as it is written. */
function requirementProblems(record: ScenarioRecord, at: FilePath): FileProblem[] {
  const named: { id: string; at: FilePath }[] = [
    ...record.requirements.map((id, i) => ({ id, at: [...at, 'requirements', i] })),
    ...record.steps.flatMap((step, index) => {
      const stepAt: FilePath = [...at, 'steps', index];
      return [
        ...(typeof step.outcome === 'object' && step.outcome.requirement !== undefined ? [{ id: step.outcome.requirement, at: [...stepAt, 'outcome', 'requirement'] }] : []),
        ...(step.reject ? [{ id: step.reject.requirement, at: [...stepAt, 'reject', 'requirement'] }] : []),
        ...(step.expect ?? []).flatMap((expectation, k) =>
          'requirement' in expectation && expectation.requirement !== undefined ? [{ id: expectation.requirement, at: [...stepAt, 'expect', k, 'requirement'] }] : [],
        ),
      ];
    }),
  ];
  const known = requirementRows().map((row) => row.id);
  return named
    .filter(({ id }) => !known.includes(id))
    .map(({ id, at: place }) => ({ at: place, message: `scenario "${record.id}": "${id}" is not a row of the requirement catalogue${didYouMean(id, known) || '; open-responses-check list --requirements lists them'}` }));
}

function idProblems(record: ScenarioRecord, ids: readonly string[], at: FilePath, context: FileCheckContext): FileProblem[] {
  return ids.flatMap((id) => {
    const owner = context.owners.get(id);
    if (owner === undefined) return [];
    const which = id === record.id ? `scenario id "${id}"` : `scenario "${record.id}" runs its stream form as "${id}", which`;
    return [{ at: [...at, 'id'], message: `${which} clashes with ${owner}; choose another id` }];
  });
}

function stepProblems(record: ScenarioRecord, compiled: readonly ScenarioStep[], at: FilePath, context: FileCheckContext): FileProblem[] {
  const names = record.steps.map((step, i) => stepName(step, i, record.steps.length));
  return record.steps.flatMap((step, index) => {
    const stepAt: FilePath = [...at, 'steps', index];
    const place = `scenario "${record.id}", step "${names[index]}"`;
    return [
      ...nameProblems(names, index, stepAt, place),
      ...referenceSites(step.body).flatMap((site) => referenceProblems(site, names, index, [...stepAt, 'body', ...site.at], place)),
      ...(step.rawBody !== undefined && step.reject === undefined && step.probe !== true
        ? [{ at: [...stepAt, 'rawBody'], message: `${place}: rawBody sends a malformed request on purpose, so the step needs reject: { requirement, what } (or, on a WebSocket, probe: true)` }]
        : []),
      ...(appliesTo(record, context.specVersion) ? endpointProblems(compiled[index], stepAt, place, context) : []),
      ...bodyProblems(record, step, compiled[index], stepAt, place, context),
    ];
  });
}

/** Whether the record is run under this spec release rather than skipped for lacking what it tests. */
function appliesTo(record: ScenarioRecord, specVersion: string): boolean {
  return record.specVersions === undefined || record.specVersions.includes(specVersion);
}

/** An endpoint the release does not define could not be checked or sent; `specVersions` says where it is. */
function endpointProblems(compiled: ScenarioStep, at: FilePath, place: string, context: FileCheckContext): FileProblem[] {
  if (context.schemas.has(compiled.requestSchema)) return [];
  return [{ at: [...at, 'path'], message: `${place}: spec ${context.specVersion} has no ${compiled.path} (no ${compiled.requestSchema} schema); name the releases that have it in specVersions` }];
}

function nameProblems(names: readonly string[], index: number, at: FilePath, place: string): FileProblem[] {
  const name = names[index];
  if (name === MODEL_HEAD) return [{ at: [...at, 'name'], message: `${place}: no step may be named "model", which references use for the run's model` }];
  const first = names.indexOf(name);
  if (first === index) return [];
  return [{ at, message: `${place}: steps ${first + 1} and ${index + 1} are both named "${name}" (a step without a name is turn-N), so a reference could not tell them apart` }];
}

function referenceProblems(site: ReferenceSite, names: readonly string[], index: number, at: FilePath, place: string): FileProblem[] {
  const said = `${site.splice ? '$splice' : '$ref'} "${site.path}"`;
  const problem = (message: string): FileProblem[] => [{ at, message: `${place}: ${said} ${message}` }];
  if (site.splice && !site.inArray) return problem('stands outside an array; $splice puts the elements of an array into the array around it (use $ref for one value)');
  const parsed = parsePath(site.path);
  if ('error' in parsed) return problem(`is malformed: a path is a step name (or model), then fields, indexes and [field=value] filters after dots, e.g. turn-1.output[type=function_call].call_id`);
  const [head, ...rest] = parsed.segments;
  if (head === MODEL_HEAD) return rest.length === 0 ? [] : problem('goes below "model", the run\'s model id, which has no fields');
  const earlier = names.slice(0, index);
  if (earlier.includes(head)) return [];
  if (names.includes(head)) return problem(`names step "${head}", which does not come before this one; a reference takes a value from an earlier step's answer`);
  return problem(`names no step of this scenario${didYouMean(head, earlier) || (earlier.length > 0 ? ` (the steps before this one are ${earlier.join(', ')})` : ' (this step has none before it)')}`);
}

/**
 * The body as it would be sent, against its endpoint's request schema. Left out: a deliberate
 * negative test (it breaks the schema on purpose), a release without the endpoint or the feature
 * (the scenario is skipped there with the reason), and a body with references. A reference's value
 * is only known once the earlier step has answered, and no placeholder is right for every place (an
 * id string, an array of items to splice, a whole item), so a guess could report problems the file
 * does not have; the runner checks the built body before sending and skips the step, saying why.
 */
function bodyProblems(record: ScenarioRecord, step: StepTemplate, compiled: ScenarioStep, at: FilePath, place: string, context: FileCheckContext): FileProblem[] {
  if (step.reject !== undefined || step.probe === true || referenceSites(step.body).length > 0) return [];
  if (!appliesTo(record, context.specVersion) || !context.schemas.has(compiled.requestSchema)) return [];
  const built = compiled.body({ model: PLACEHOLDER_MODEL, previous: [] });
  if (built === undefined) return [];
  // Extension input items and tools are judged by the extension rules only (EXT-13).
  const { body, removed } = withoutExtensionEntries(compiled.transport === 'websocket' ? built : { ...built, stream: compiled.stream });
  const [issue] = context.schemas.validate(compiled.requestSchema, body);
  if (issue === undefined) return [];
  // Taking extension entries out moves the indexes after them, so the issue is placed on the body.
  const inside = removed ? [] : issue.path.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return [
    {
      at: [...at, 'body', ...inside],
      message: `${place}: the body does not fit ${compiled.requestSchema} of spec ${context.specVersion} (${issue.message}); a request that breaks it on purpose needs reject: { requirement, what }`,
    },
  ];
}

import type { Location } from '../types.js';
import { familyOfPartType, PART_SCOPES, type PartScope } from './event-catalogue.js';
import { eventLocation } from './location.js';
import type { PartProblem } from './part-order.js';
import { quote } from './stream-event.js';

/** The words of a finding about a part problem; the check adds verdict and requirement. */
export interface PartProblemText {
  message: string;
  expected: string;
  actual: string;
  location: Location;
}

/** Describes a part problem for someone who has not read the spec. */
export function describePartProblem(problem: PartProblem, scope: PartScope): PartProblemText {
  const { event, item, index } = problem;
  const noun = scope === 'content' ? 'content part' : 'summary part';
  const where = `${noun} ${index} of item ${quote(item.id)}`;
  const { addedType, doneType, indexField } = PART_SCOPES[scope];
  const at = (path?: string): Location => eventLocation(event.source, path);
  switch (problem.kind) {
    case 'added-twice':
      return {
        message: `${addedType} opens ${where} a second time; each part is added once.`,
        expected: 'one added event per part',
        actual: 'a second added event',
        location: at(`/${indexField}`),
      };
    case 'added-after-text':
      return {
        message: `${addedType} for ${where} arrives after text was already streamed for that part; a part is announced before its deltas.`,
        expected: `${addedType} before the deltas`,
        actual: `${addedType} after them`,
        location: at(`/${indexField}`),
      };
    case 'index-gap':
      return {
        message: `${event.type} starts ${noun} ${index} of item ${quote(item.id)}, but the parts of an item are numbered 0, 1, 2, … in the order they start.`,
        expected: `${indexField} ${problem.expectedIndex ?? 0}`,
        actual: `${indexField} ${index}`,
        location: at(`/${indexField}`),
      };
    case 'not-added':
      return {
        message: `${event.type} refers to ${where} before ${addedType} opened that part; a part's first event is its added event.`,
        expected: `${addedType} first`,
        actual: event.type,
        location: at(`/${indexField}`),
      };
    case 'after-part-done':
      return {
        message: `${event.type} refers to ${where} after ${doneType} closed that part.`,
        expected: 'no event for the part after it was closed',
        actual: event.type,
        location: at('/type'),
      };
    case 'after-text-done':
      return {
        message: `${event.type} arrives for ${where} after its text was already finished by a done event.`,
        expected: `no further text events, then ${doneType}`,
        actual: event.type,
        location: at('/type'),
      };
    case 'closed-without-text-done': {
      const textDone = familyOfPartType(problem.part?.partType)?.doneType ?? 'text done event';
      return {
        message: `${doneType} closes ${where} without the ${textDone} event that finishes its text.`,
        expected: `${textDone} before ${doneType}`,
        actual: `${doneType} without it`,
        location: at('/type'),
      };
    }
    case 'left-open': {
      const stillStreaming = problem.part?.stage === 'open';
      return {
        message: `response.output_item.done closes item ${quote(item.id)} while its ${noun} ${index} is still open; every part is finished before its item.`,
        expected: stillStreaming ? `the part's text done event and ${doneType} first` : `${doneType} first`,
        actual: 'response.output_item.done',
        location: at('/type'),
      };
    }
  }
}

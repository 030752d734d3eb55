import type { Location } from '../types.js';
import { familyOfPartType, PART_SCOPES, type PartScope } from '../../protocol/events.js';
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
  const { addedType, doneType, indexField, itemField } = PART_SCOPES[scope];
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
      // Stryker disable next-line OptionalChaining,StringLiteral: both rules report this only for a part whose type streams text, so part and family are known.
      const textDone = familyOfPartType(problem.part?.partType)?.doneType ?? 'text done event';
      return {
        message: `${doneType} closes ${where} without the ${textDone} event that finishes its text.`,
        expected: `${textDone} before ${doneType}`,
        actual: `${doneType} without it`,
        location: at('/type'),
      };
    }
    case 'no-index':
      return {
        message: `${event.type} for item ${quote(item.id)} has no ${indexField}, so it cannot be attributed to any ${noun} of the item.`,
        expected: `an integer ${indexField}`,
        actual: `no ${indexField}`,
        location: at(`/${indexField}`),
      };
    case 'item-without-parts': {
      // Stryker disable next-line StringLiteral: only core item types lack parts, so the item's type is always known here.
      const itemType = item.type ?? 'item';
      return {
        message: `${event.type} is addressed to item ${quote(item.id)}, a ${itemType} item, which has no ${itemField} to stream into.`,
        expected: `an item with ${itemField}`,
        actual: `a ${itemType} item`,
        location: at('/item_id'),
      };
    }
    case 'wrong-text-kind': {
      // Stryker disable next-line OptionalChaining,StringLiteral: this problem is raised only for a part whose type streams text, so part and type are known.
      const partType = problem.part?.partType ?? 'different';
      return {
        message: `${event.type} streams into ${where}, a ${partType} part; each part takes only the delta and done events of its own type.`,
        expected: `the events of a ${partType} part`,
        actual: event.type,
        location: at('/type'),
      };
    }
    case 'never-streamed':
      return {
        message: `response.output_item.done finishes item ${quote(item.id)} with a ${noun} at ${itemField}[${index}] that was never streamed (no ${addedType} or delta for it); streamable content is carried in a streamed part.`,
        expected: `${addedType} and the part's events before output_item.done`,
        actual: 'a part that appears only in the done item',
        location: at(`/item/${itemField}/${index}`),
      };
    case 'left-open': {
      // Stryker disable next-line OptionalChaining: every left-open problem carries its part.
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

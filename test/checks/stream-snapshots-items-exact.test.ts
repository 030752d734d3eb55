import { describe, expect, it } from 'vitest';
import { itemOrder } from '../../src/checks/stream/item-order.js';
import { responseIdStable } from '../../src/checks/stream/response-id-stable.js';
import { snapshotFields } from '../../src/checks/stream/snapshot-fields.js';
import { snapshotStatus } from '../../src/checks/stream/snapshot-status.js';
import { at, doneEvent, events, feed, jsonEvent } from './direct.js';

/** Exact findings of the snapshot and item-order rules, edge by edge (mutation testing showed these untested). */
describe('stream/snapshot-status', () => {
  it('names what is missing when a lifecycle event has no snapshot status', () => {
    expect(feed(snapshotStatus, events({ type: 'response.created' }))).toEqual([
      {
        checkId: 'stream/snapshot-status',
        requirement: 'SSE-C-06',
        verdict: 'fail',
        message: 'response.created carries no response snapshot with a string status, so the status it reports cannot be checked.',
        expected: '"in_progress" or "queued"',
        actual: 'no response object',
        location: at(0, 'response.created', '/response'),
      },
    ]);
    expect(feed(snapshotStatus, events({ type: 'response.queued', response: { status: 1 } }))).toMatchObject([
      { expected: '"queued"', actual: 'no string status', location: at(0, 'response.queued', '/response/status') },
    ]);
  });

  it('passes every status its event allows, and judges only lifecycle events', () => {
    const allowed = [
      ['response.created', 'queued'],
      ['response.created', 'in_progress'],
      ['response.queued', 'queued'],
      ['response.in_progress', 'in_progress'],
      ['response.completed', 'completed'],
      ['response.failed', 'failed'],
      ['response.incomplete', 'incomplete'],
    ];
    expect(feed(snapshotStatus, events(...allowed.map(([type, status]) => ({ type, response: { status } }))))).toEqual([]);
    expect(feed(snapshotStatus, [...events({ type: 'error' }, { type: 'response.output_item.added' }, { type: 'acme:x' }), jsonEvent(3, [1]), doneEvent(4)])).toEqual([]);
    expect(feed(snapshotStatus, events({ type: 'response.failed', response: { status: 'completed' } }))).toMatchObject([{ expected: '"failed"', actual: '"completed"' }]);
  });
});

describe('stream/snapshot-fields', () => {
  const open = (type: string, status: string, extra: Record<string, unknown>) => ({ type, response: { status, completed_at: null, incomplete_details: null, error: null, ...extra } });

  it('reports a field the snapshot status excludes with the rule, the event and a path under /response', () => {
    expect(feed(snapshotFields, events(open('response.queued', 'queued', { error: { code: 'x', message: 'y' } })))).toEqual([
      {
        checkId: 'stream/snapshot-fields',
        requirement: 'RES-08',
        verdict: 'fail',
        message: expect.stringMatching(/^In the response\.queued snapshot: .+/),
        expected: 'null',
        actual: expect.any(String),
        location: at(0, 'response.queued', '/response/error'),
      },
    ]);
  });

  it('judges each snapshot by its own status, once per defect, and not the terminal or a status its event excludes', () => {
    const completed = { completed_at: 1741476778 };
    const stream = events(
      open('response.created', 'in_progress', completed),
      open('response.in_progress', 'in_progress', completed),
      open('response.in_progress', 'completed', { incomplete_details: { reason: 'x' } }),
      open('response.completed', 'completed', { error: { code: 'x', message: 'y' } }),
    );
    expect(feed(snapshotFields, stream).map((f) => `${f.requirement} ${f.location?.path} ${f.location?.eventIndex}`)).toEqual(['RES-05 /response/completed_at 0']);
    expect(feed(snapshotFields, events({ type: 'response.created' }, { type: 'error' }, { type: 'response.created', response: { status: 'queued', created_at: 1e13 } }))).toEqual([]);
  });
});

describe('stream/response-id-stable', () => {
  it('compares every snapshot id with the first one, naming both events', () => {
    const stream = events(
      { type: 'response.output_item.added', response: { id: 'other' } },
      { type: 'response.created' },
      { type: 'response.created', response: { id: 5 } },
      { type: 'response.queued', response: { id: 'resp_1' } },
      { type: 'response.in_progress', response: { id: 'resp_1' } },
      { type: 'response.failed', response: { id: 'resp_2' } },
    );
    expect(feed(responseIdStable, stream)).toEqual([
      {
        checkId: 'stream/response-id-stable',
        requirement: 'SSE-C-07',
        verdict: 'fail',
        message: 'The response id in response.failed differs from the id in response.queued; one stream carries one response.',
        expected: '"resp_1"',
        actual: '"resp_2"',
        location: at(5, 'response.failed', '/response/id'),
      },
    ]);
  });
});

describe('stream/item-order', () => {
  const item = (type: string, id: string | undefined, extra: Record<string, unknown> = {}) => ({ type, ...(id === undefined ? {} : { item: { id, type: 'message' } }), ...extra });
  const delta = (id: string | undefined, extra: Record<string, unknown> = {}) => ({ type: 'response.output_text.delta', ...(id === undefined ? {} : { item_id: id }), ...extra });

  it('an item done before it was added is reported at its id, and then counts as done', () => {
    const findings = feed(itemOrder, events(item('response.output_item.done', 'a'), delta('a'), { type: 'response.completed' }));
    expect(findings).toEqual([
      {
        checkId: 'stream/item-order',
        requirement: 'SSE-O-05',
        verdict: 'fail',
        message: `response.output_item.done refers to item "a", which no response.output_item.added announced before; an item's first event is output_item.added.`,
        expected: 'response.output_item.added first',
        actual: 'response.output_item.done',
        location: at(0, 'response.output_item.done', '/item/id'),
      },
      expect.objectContaining({ requirement: 'SSE-O-08', location: at(1, 'response.output_text.delta', '/type') }),
    ]);
  });

  it('an event at an output_index no item holds is reported once per index', () => {
    const findings = feed(itemOrder, events(delta(undefined, { output_index: 2 }), delta(undefined, { output_index: 2 }), item('response.output_item.done', undefined, { output_index: 3 })));
    expect(findings).toEqual([
      {
        checkId: 'stream/item-order',
        requirement: 'SSE-O-05',
        verdict: 'fail',
        message: `response.output_text.delta names no item id and refers to output_index 2, where no response.output_item.added has put an item yet; an item's first event is output_item.added.`,
        expected: 'response.output_item.added first',
        actual: 'response.output_text.delta',
        location: at(0, 'response.output_text.delta', '/output_index'),
      },
      expect.objectContaining({ location: at(2, 'response.output_item.done', '/output_index') }),
    ]);
  });

  it('an event naming neither id nor index is reported once, at the id it lacks', () => {
    const findings = feed(itemOrder, events(item('response.output_item.done', undefined), delta(undefined), delta(undefined)));
    expect(findings).toEqual([
      {
        checkId: 'stream/item-order',
        requirement: 'SSE-O-05',
        verdict: 'fail',
        message: 'response.output_item.done names neither an item id nor an output_index, so it cannot be attributed to any added item (reported once per stream).',
        expected: 'an event naming an item that response.output_item.added added',
        actual: 'no item id and no output_index',
        location: at(0, 'response.output_item.done', '/item/id'),
      },
    ]);
    expect(feed(itemOrder, events(delta(undefined)))[0].location).toEqual(at(0, 'response.output_text.delta', '/item_id'));
  });

  it('reports events after done once per item, and every open item at the end, with its index or ?', () => {
    const stream = events(
      item('response.output_item.added', 'a', { output_index: 0 }),
      item('response.output_item.added', undefined),
      item('response.output_item.added', 'c', { output_index: 2 }),
      item('response.output_item.done', 'c', { output_index: 2 }),
      delta('c'),
      delta('c'),
      { type: 'error' },
      { type: 'response.in_progress' },
      { type: 'response.incomplete' },
      delta('zz'),
    );
    expect(feed(itemOrder, stream).map((f) => [f.requirement, f.verdict, f.message])).toEqual([
      ['SSE-O-08', 'fail', 'response.output_text.delta refers to item "c" after response.output_item.done finished it; a done item gets no further events.'],
      ['SSE-O-15', 'fail', 'response.incomplete ends the response while item "a" (output_index 0) was never finished with response.output_item.done.'],
      ['SSE-O-15', 'fail', 'response.incomplete ends the response while item (without id) (output_index ?) was never finished with response.output_item.done.'],
    ]);
  });

  it('ignores extension events and untyped data', () => {
    expect(feed(itemOrder, [...events({ type: 'acme:x', item_id: 'q' }), jsonEvent(1, 7), doneEvent(2)])).toEqual([]);
  });
});

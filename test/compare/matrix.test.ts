import { describe, expect, it } from 'vitest';
import { buildMatrix, UNDESCRIBED_SECTION, type CompareMatrix, type RequirementRow } from '../../src/compare/matrix.js';
import { check, compared, describeKnown, doneSentinelFailed, passed, report, scenario } from './fixtures.js';

function row(matrix: CompareMatrix, requirement: string, checkId: string): RequirementRow {
  const found = matrix.sections.flatMap((section) => section.rows).find((r) => r.requirement === requirement && r.checkId === checkId);
  if (found === undefined) throw new Error(`no row ${requirement} ${checkId}`);
  return found;
}

const streamOk = scenario('text-stream', [passed('http/status-ok'), passed('stream/done-sentinel')]);
const streamNoDone = scenario('text-stream', [passed('http/status-ok'), doneSentinelFailed()], 'failed');

describe('buildMatrix', () => {
  it('shows a check failed in the column of the report where it failed only, with the finding as the note', () => {
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [streamNoDone])), compared('b.json', report('http://b/v1', [streamOk]))], describeKnown);
    expect(matrix.columns.map((column) => column.name)).toEqual(['http://a/v1', 'http://b/v1']);
    const done = row(matrix, 'SSE-F-05', 'stream/done-sentinel');
    expect(done.cells.map((cell) => cell.status)).toEqual(['failed', 'passed']);
    expect(done.differs).toBe(true);
    expect(done.cells[0].notes).toEqual([
      'text-stream: SSE-F-05 The stream ended without the final data: [DONE] message. (event #24 (response.completed, sequence_number 24); expected data: [DONE] as the last message; seen the stream closed after the last event)',
    ]);
    expect(done.cells[1].notes).toEqual([]);
    expect(done.scenarios).toEqual([{ scenario: 'text-stream', cells: done.cells, differs: true }]);
    const status = row(matrix, 'HTTP-09', 'http/status-ok');
    expect(status.cells.map((cell) => cell.status)).toEqual(['passed', 'passed']);
    expect(status.differs).toBe(false);
    expect(matrix.scenarios).toMatchObject([{ scenario: 'text-stream', title: 'Title of text-stream', differs: true }]);
    expect(matrix.scenarios[0].cells.map((cell) => cell.status)).toEqual(['failed', 'passed']);
    expect(matrix.scenarios[0].cells[0].notes[0]).toContain('The stream ended without the final data: [DONE] message.');
  });

  it('groups rows by spec section, sections by name and rows by requirement', () => {
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [streamOk]))], describeKnown);
    expect(matrix.sections.map((section) => [section.section, section.rows.map((r) => r.checkId)])).toEqual([
      ['HTTP Responses', ['http/status-ok']],
      ['Streaming HTTP Responses', ['stream/done-sentinel']],
    ]);
  });

  it('marks what a report does not have as absent, never passed', () => {
    const extra = scenario('only-in-a', [passed('http/status-ok')]);
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [streamOk, extra])), compared('b.json', report('http://b/v1', [scenario('text-stream', [passed('http/status-ok')])]))], describeKnown);
    expect(matrix.scenarios.find((r) => r.scenario === 'only-in-a')?.cells.map((cell) => cell.status)).toEqual(['passed', 'absent']);
    expect(row(matrix, 'SSE-F-05', 'stream/done-sentinel').cells.map((cell) => cell.status)).toEqual(['passed', 'absent']);
    const status = row(matrix, 'HTTP-09', 'http/status-ok');
    expect(status.cells.map((cell) => [cell.status, cell.counts])).toEqual([
      ['passed', { passed: 2 }],
      ['passed', { passed: 1 }],
    ]);
    expect(status.scenarios.find((s) => s.scenario === 'only-in-a')).toMatchObject({ differs: true, cells: [{ status: 'passed' }, { status: 'absent', counts: {}, notes: [] }] });
  });

  it('shows the worst status of a requirement over its scenarios, with the counts', () => {
    const matrix = buildMatrix(
      [compared('a.json', report('http://a/v1', [streamNoDone, scenario('second-stream', [passed('stream/done-sentinel')]), scenario('third', [check({ id: 'stream/done-sentinel', status: 'skipped', message: 'not streamed' })])]))],
      describeKnown,
    );
    const [cell] = row(matrix, 'SSE-F-05', 'stream/done-sentinel').cells;
    expect(cell).toMatchObject({ status: 'failed', counts: { failed: 1, passed: 1, skipped: 1 } });
    expect(cell.notes.map((note) => note.slice(0, 12))).toEqual(['text-stream:', 'third › stre']);
  });

  it('names a check listed by name only by the describer, by its step too, and puts an unknown one apart, never guessing a requirement', () => {
    const multi = scenario('two-turns', [passed('http/status-ok', 'turn-1'), passed('http/status-ok', 'turn-2'), check({ id: 'vendor/new-check', status: 'passed' })]);
    const seen: string[] = [];
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [multi]))], (scenarioId, name, id) => {
      seen.push(`${scenarioId}|${name}|${id}`);
      return describeKnown(scenarioId, name, id);
    });
    expect(seen).toEqual(['two-turns|turn-1: http/status-ok|http/status-ok', 'two-turns|turn-2: http/status-ok|http/status-ok', 'two-turns|vendor/new-check|vendor/new-check']);
    expect(row(matrix, 'HTTP-09', 'http/status-ok').cells[0].counts).toEqual({ passed: 2 });
    const unknown = matrix.sections.find((section) => section.section === UNDESCRIBED_SECTION);
    expect(unknown?.rows).toMatchObject([{ requirement: '?', checkId: 'vendor/new-check', title: 'vendor/new-check' }]);
  });

  it('prefers what a report says of a check in the same scenario: one check id can test another requirement in each', () => {
    const rejected = (requirement: string, status: 'passed' | 'warning') =>
      check({ id: 'error/request-rejected', requirement, section: 'Errors', title: `rejects ${requirement}`, status, message: status === 'warning' ? 'accepted' : '', findings: [] });
    const a = report('http://a/v1', [scenario('error-a', [rejected('REQ-V-04', 'warning')], 'warning'), scenario('error-b', [rejected('REQ-V-06', 'warning')], 'warning')]);
    const b = report('http://b/v1', [scenario('error-a', [rejected('REQ-V-04', 'passed')]), scenario('error-b', [rejected('REQ-V-06', 'passed')])]);
    const matrix = buildMatrix([compared('a.json', a), compared('b.json', b)], () => undefined);
    expect(matrix.sections).toHaveLength(1);
    expect(matrix.sections[0].rows.map((r) => [r.requirement, r.title, r.cells.map((cell) => cell.status)])).toEqual([
      ['REQ-V-04', 'rejects REQ-V-04', ['warning', 'passed']],
      ['REQ-V-06', 'rejects REQ-V-06', ['warning', 'passed']],
    ]);
  });

  it('names a check by another scenario’s record only when every record of it names one requirement', () => {
    const rejected = (requirement: string) => check({ id: 'error/request-rejected', requirement, section: 'Errors', title: `rejects ${requirement}`, status: 'warning', message: 'accepted' });
    const listedOnly = scenario('user-error', [check({ id: 'error/request-rejected', status: 'passed' }), check({ id: 'stream/done-sentinel', status: 'passed' })]);
    const records = [scenario('error-a', [rejected('REQ-V-04'), doneSentinelFailed()], 'warning'), scenario('error-b', [rejected('REQ-V-06')], 'warning')];
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [...records, listedOnly]))], () => undefined);
    const userRows = matrix.sections.flatMap((section) => section.rows.filter((r) => r.scenarios.some((s) => s.scenario === 'user-error')).map((r) => [section.section, r.requirement, r.checkId]));
    expect(userRows).toEqual([
      ['Streaming HTTP Responses', 'SSE-F-05', 'stream/done-sentinel'],
      [UNDESCRIBED_SECTION, '?', 'error/request-rejected'],
    ]);
  });

  it('gives the checks of a scenario a report skipped the scenario status, with its note', () => {
    const skipped = scenario('text-stream', [], 'skipped', { note: 'skipped by --skip stream, without sending' });
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [streamOk])), compared('b.json', report('http://b/v1', [skipped]))], describeKnown);
    const done = row(matrix, 'SSE-F-05', 'stream/done-sentinel');
    expect(done.cells.map((cell) => cell.status)).toEqual(['passed', 'skipped']);
    expect(done.cells[1].notes).toEqual(['text-stream: skipped by --skip stream, without sending']);
  });

  it('tells apart two reports of one target by their file, and one file given twice by its place', () => {
    const json = report('http://same/v1', [streamOk]);
    const matrix = buildMatrix([compared('run-1/report.json', json), compared('run-2/report.json', json), compared('run-2/report.json', json), compared('o.json', report('http://other/v1', [streamOk]))], describeKnown);
    expect(matrix.columns.map((column) => column.name)).toEqual([
      'http://same/v1 (run-1/report.json)',
      'http://same/v1 (run-2/report.json)',
      'http://same/v1 (run-2/report.json) #3',
      'http://other/v1',
    ]);
  });

  it('flags reports of different tool versions or spec releases, naming each column’s', () => {
    const same = buildMatrix([compared('a.json', report('http://a/v1', [streamOk])), compared('b.json', report('http://b/v1', [streamOk]))], describeKnown);
    expect(same.mismatches).toEqual([]);
    const other = report('http://b/v1', [streamOk], { tool: { name: 'open-responses-check', version: '0.2.0' }, specVersion: '2026-01-15' });
    const matrix = buildMatrix([compared('a.json', report('http://a/v1', [streamOk])), compared('b.json', other)], describeKnown);
    expect(matrix.mismatches).toEqual([
      { what: 'tool version', values: [{ column: 'http://a/v1', value: 'open-responses-check 0.1.0' }, { column: 'http://b/v1', value: 'open-responses-check 0.2.0' }] },
      { what: 'spec release', values: [{ column: 'http://a/v1', value: '2026-04-24' }, { column: 'http://b/v1', value: '2026-01-15' }] },
    ]);
    expect(matrix.columns.map((column) => [column.tool, column.specVersion])).toEqual([
      ['open-responses-check 0.1.0', '2026-04-24'],
      ['open-responses-check 0.2.0', '2026-01-15'],
    ]);
  });

  it('flags two documents of one release whose hashes differ, and never a report that records none nor two releases twice', () => {
    const hashed = (baseUrl: string, hash?: string) => compared(`${baseUrl}.json`, report(baseUrl, [streamOk], hash === undefined ? {} : { specSha256: hash }));
    const [one, two] = ['1'.repeat(64), '2'.repeat(64)];
    expect(buildMatrix([hashed('http://a/v1', one), hashed('http://b/v1', one), hashed('http://c/v1')], describeKnown).mismatches).toEqual([]);
    expect(buildMatrix([hashed('http://a/v1', one), hashed('http://b/v1', two), hashed('http://c/v1')], describeKnown).mismatches).toEqual([
      {
        what: 'spec document (sha256)',
        values: [
          { column: 'http://a/v1', value: '111111111111…' },
          { column: 'http://b/v1', value: '222222222222…' },
          { column: 'http://c/v1', value: 'not recorded' },
        ],
      },
    ]);
    // Two releases' documents always differ: the release is flagged, not the hash as well.
    const older = compared('old.json', report('http://o/v1', [streamOk], { specVersion: '2026-01-15', specSha256: two }));
    expect(buildMatrix([hashed('http://a/v1', one), older], describeKnown).mismatches.map((mismatch) => mismatch.what)).toEqual(['spec release']);
  });

  it('keeps a few notes per cell, says how many more, and shortens a long message to one line', () => {
    const scenarios = ['s1', 's2', 's3', 's4', 's5'].map((id) => scenario(id, [doneSentinelFailed(`line one\nline two ${'x'.repeat(1000)}`)], 'failed'));
    const [cell] = row(buildMatrix([compared('a.json', report('http://a/v1', scenarios))], describeKnown), 'SSE-F-05', 'stream/done-sentinel').cells;
    expect(cell.notes).toHaveLength(4);
    expect(cell.notes[3]).toBe('… and 2 more');
    for (const note of cell.notes.slice(0, 3)) {
      expect(note.length).toBeLessThanOrEqual(300);
      expect(note).toMatch(/^s\d: SSE-F-05 line one line two x+…$/);
    }
  });
});

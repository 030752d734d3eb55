import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html.js';
import { renderJsonReport } from '../../src/report/json.js';
import { renderJunitReport } from '../../src/report/junit.js';
import { renderMarkdownSummary } from '../../src/report/markdown.js';
import { fileReporters, parseReporterList, renderReport, writeReports } from '../../src/report/write.js';
import { sampleRun } from './fixtures.js';

describe('parseReporterList', () => {
  it('accepts one or several known names', () => {
    expect(parseReporterList('console')).toEqual(['console']);
    expect(parseReporterList('console,json,junit')).toEqual(['console', 'json', 'junit']);
    expect(parseReporterList('HTML,json')).toEqual(['html', 'json']);
    expect(parseReporterList('markdown,console')).toEqual(['markdown', 'console']);
  });

  it('ignores blanks and case and drops repeats', () => {
    expect(parseReporterList(' JSON , junit,json ')).toEqual(['json', 'junit']);
  });

  it('rejects an unknown name with a one-line message naming it and the accepted values', () => {
    expect(() => parseReporterList('console,xml')).toThrow('Unknown reporter "xml"; accepted: console, json, junit, markdown, html');
    expect(() => parseReporterList('console,bad\nname')).toThrow(/^Unknown reporter "bad\\nname"; accepted: [^\n]*$/);
  });

  it('rejects empty entries and an empty list', () => {
    expect(() => parseReporterList('')).toThrow('Empty reporter name in ""; accepted: console, json, junit, markdown, html');
    expect(() => parseReporterList('json,,junit')).toThrow('Empty reporter name in "json,,junit"');
  });
});

describe('writeReports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orc-report-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and writes report.json and junit.xml', async () => {
    const run = sampleRun();
    const outDir = join(dir, 'nested', 'reports');
    const written = await writeReports(run, { outDir, reporters: ['console', 'json', 'junit'] });
    expect(written).toEqual([join(outDir, 'report.json'), join(outDir, 'junit.xml')]);
    expect(existsSync(join(outDir, 'report.html'))).toBe(false);
    expect(await readFile(join(outDir, 'report.json'), 'utf8')).toBe(renderJsonReport(run));
    expect(await readFile(join(outDir, 'junit.xml'), 'utf8')).toBe(renderJunitReport(run));
  });

  it('writes report.html for the html reporter, and nothing else', async () => {
    const run = sampleRun();
    expect(await writeReports(run, { outDir: dir, reporters: ['html'] })).toEqual([join(dir, 'report.html')]);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe(renderHtmlReport(run));
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('writes summary.md for the markdown reporter', async () => {
    const run = sampleRun();
    expect(await writeReports(run, { outDir: dir, reporters: ['markdown'] })).toEqual([join(dir, 'summary.md')]);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(renderMarkdownSummary(run));
  });

  it('writes only the files asked for, once each', async () => {
    const written = await writeReports(sampleRun(), { outDir: dir, reporters: ['junit', 'junit'] });
    expect(written).toEqual([join(dir, 'junit.xml')]);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('writes nothing, and creates no directory, for the console reporter alone', async () => {
    const outDir = join(dir, 'unused');
    expect(await writeReports(sampleRun(), { outDir, reporters: ['console'] })).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('fileReporters and renderReport', () => {
  it('tells the reporters that write a file from the console', () => {
    expect(fileReporters(['console', 'json', 'markdown'])).toEqual(['json', 'markdown']);
    expect(fileReporters(['console'])).toEqual([]);
  });

  it("renders one file reporter's report as its file would hold it", () => {
    const run = sampleRun();
    expect(renderReport('json', run)).toBe(renderJsonReport(run));
    expect(renderReport('junit', run)).toBe(renderJunitReport(run));
    expect(renderReport('markdown', run)).toBe(renderMarkdownSummary(run));
    expect(() => renderReport('console', run)).toThrow('the console reporter writes no file');
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../runner/result.js';
import { renderHtmlReport } from './html.js';
import { renderJsonReport } from './json.js';
import { renderJunitReport } from './junit.js';
import { renderMarkdownSummary } from './markdown.js';
import { REPORTER_NAMES, type ReporterName } from './reporter-names.js';

/** The file each file-writing reporter produces; the console reporter prints live instead. */
const REPORT_FILES: Partial<Record<ReporterName, { fileName: string; render: (run: RunResult) => string }>> = {
  json: { fileName: 'report.json', render: renderJsonReport },
  junit: { fileName: 'junit.xml', render: renderJunitReport },
  html: { fileName: 'report.html', render: renderHtmlReport },
  markdown: { fileName: 'summary.md', render: renderMarkdownSummary },
};

/** The reporters of the list that write a file (all but the console). */
export function fileReporters(reporters: readonly ReporterName[]): ReporterName[] {
  return reporters.filter((name) => REPORT_FILES[name] !== undefined);
}

/** One file reporter's report as text, for writing somewhere other than its file (`--out -`). */
export function renderReport(name: ReporterName, run: RunResult): string {
  const file = REPORT_FILES[name];
  if (file === undefined) throw new Error(`the ${name} reporter writes no file`);
  return file.render(run);
}

/**
 * Parses a comma-separated reporter list such as `console,junit`. Case and blanks around names are
 * ignored, repeats are dropped; an unknown or empty entry is an error naming it and the accepted values.
 */
export function parseReporterList(value: string): ReporterName[] {
  const accepted = `accepted: ${REPORTER_NAMES.join(', ')}`;
  const names: ReporterName[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    const name = entry.toLowerCase();
    if (!isReporterName(name)) {
      // JSON quoting keeps the message on one line whatever the user typed.
      const problem = entry === '' ? `Empty reporter name in ${JSON.stringify(value)}` : `Unknown reporter ${JSON.stringify(entry)}`;
      throw new Error(`${problem}; ${accepted}`);
    }
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/** Writes the file reports (report.json, junit.xml, summary.md, report.html) into `outDir` (created if missing); returns the paths written. */
export async function writeReports(
  run: RunResult,
  options: { outDir: string; reporters: ReporterName[] },
): Promise<string[]> {
  const files = [...new Set(options.reporters)].flatMap((name) => REPORT_FILES[name] ?? []);
  if (files.length === 0) return [];
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const path = join(options.outDir, file.fileName);
    await writeFile(path, file.render(run), 'utf8');
    written.push(path);
  }
  return written;
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suiteCheckDescriber } from '../compare/describe.js';
import { renderCompareHtml } from '../compare/html.js';
import { renderCompareMarkdown } from '../compare/markdown.js';
import { buildMatrix, type CompareMatrix } from '../compare/matrix.js';
import { readReport } from '../compare/read.js';
import { ConfigurationError } from '../core/errors.js';
import { sanitizeForTerminal } from '../report/sanitize.js';
import { parseReporters, prepareOutDir, STDOUT_OUT } from './outputs.js';
import { EXIT } from './exit-code.js';
import { counted } from '../report/plural.js';

export interface CompareFlags {
  out: string;
  reporter: string;
  onlyDifferences?: boolean;
}

/** The reports compare writes, by reporter name, and their file names under --out. */
const COMPARE_FILES = { html: 'compare.html', markdown: 'compare.md' } as const;
type CompareReporter = keyof typeof COMPARE_FILES;

/**
 * Reads every report (a bad one is a usage error naming it, before anything is written), builds
 * the matrix and writes compare.html and compare.md under --out, or the one chosen to stdout with
 * `--out -`. Reports of different tool versions or spec releases are merged and flagged: one line
 * on stderr, and a warning leading each page. Exit 0: the comparison is the product, not a verdict.
 */
export async function compareCommand(files: readonly string[], flags: CompareFlags, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  const reporters = compareReporters(flags.reporter);
  const toStdout = flags.out === STDOUT_OUT;
  if (toStdout && reporters.length !== 1) {
    throw new ConfigurationError(`--out - writes exactly one page to standard output, but --reporter chose ${reporters.join(',')}; name one, e.g. --reporter markdown`);
  }
  const reports = [];
  for (const file of files) reports.push(await readReport(file));
  const matrix = buildMatrix(reports, suiteCheckDescriber(reports.map(({ report }) => report.specVersion)));
  if (matrix.mismatches.length > 0) io.stderr.write(`open-responses-check: warning: ${mismatchLine(matrix)}\n`);
  const options = { onlyDifferences: flags.onlyDifferences ?? false };
  const render = (reporter: CompareReporter) => (reporter === 'html' ? renderCompareHtml(matrix, options) : renderCompareMarkdown(matrix, options));
  if (toStdout) {
    io.stdout.write(render(reporters[0]));
    return EXIT.ok;
  }
  await prepareOutDir(flags.out, reporters);
  const written: string[] = [];
  for (const reporter of reporters) {
    const path = join(flags.out, COMPARE_FILES[reporter]);
    await writeFile(path, render(reporter), 'utf8');
    written.push(path);
  }
  const differing = matrix.sections.reduce((sum, section) => sum + section.rows.filter((row) => row.differs).length, 0);
  const scenarios = matrix.scenarios.filter((row) => row.differs).length;
  io.stdout.write(`${counted(matrix.columns.length, 'report')} compared: ${counted(scenarios, 'scenario')} and ${counted(differing, 'requirement row')} differ · wrote ${written.join(', ')}\n`);
  return EXIT.ok;
}

/** --reporter of compare: html and markdown, the pages it can write. */
function compareReporters(value: string): CompareReporter[] {
  const names = parseReporters(value);
  const other = names.find((name) => !(name in COMPARE_FILES));
  if (other !== undefined) throw new ConfigurationError(`--reporter: compare writes html and markdown, not ${other}`);
  return names as CompareReporter[];
}

/** `the reports differ in tool version (0.1.0 in a, 0.2.0 in b); …`, on one line. */
function mismatchLine(matrix: CompareMatrix): string {
  const parts = matrix.mismatches.map((mismatch) => `${mismatch.what} (${mismatch.values.map(({ column, value }) => `${value} in ${column}`).join(', ')})`);
  return sanitizeForTerminal(`the reports differ in ${parts.join('; ')}; they are compared all the same, each column shows its versions`);
}

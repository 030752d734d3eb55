import type { CheckResult, CheckStatus, RunSummary } from '../runner/result.js';
import { checkName, type JsonReport, type JsonScenario } from '../report/json.js';
import { describeLocation } from '../report/location-text.js';
import { sanitizeForTerminal } from '../report/sanitize.js';

/** A cell's status: a check or scenario's status in that report, or `absent` when the report does not have it. */
export type CellStatus = CheckStatus | 'absent';

/** A report as read from its file, with the name the command was given for it. */
export interface ComparedReport {
  file: string;
  report: JsonReport;
}

/** What a row needs to know of a check: the requirement it tests, its spec section and title. */
export interface CheckInfo {
  requirement: string;
  section: string;
  title: string;
}

/**
 * Describes a check a report names without its details (a passed or unjudged check is a name
 * only): by the scenario and the name as the report lists it (`turn-2: http/status-ok`).
 */
export type DescribeCheck = (scenario: string, name: string, checkId: string) => CheckInfo | undefined;

/** One report as a column: its name and the versions it was made with. */
export interface Column {
  name: string;
  file: string;
  baseUrl: string;
  model: string;
  tool: string;
  specVersion: string;
  /** The sha256 of the OpenAPI document, when the report records it. */
  specSha256?: string;
  startedAt: string;
  summary: RunSummary;
}

export interface Cell {
  status: CellStatus;
  /** The results under this cell by status (a requirement row gathers every scenario's). */
  counts: Partial<Record<CheckStatus, number>>;
  /** What a reader hovering the cell sees: the findings or reasons, shortened, at most a few. */
  notes: string[];
}

export interface ScenarioCells {
  scenario: string;
  cells: Cell[];
  differs: boolean;
}

/** A requirement as one check tests it, with the scenarios that exercise it. */
export interface RequirementRow {
  requirement: string;
  checkId: string;
  title: string;
  cells: Cell[];
  /** The cells' statuses differ; a scenario below may differ while the worst statuses agree. */
  differs: boolean;
  scenarios: ScenarioCells[];
}

export interface SectionRows {
  section: string;
  rows: RequirementRow[];
}

export interface ScenarioRow extends ScenarioCells {
  title: string;
}

/** A version the reports do not share: each column's value. */
export interface VersionMismatch {
  what: 'tool version' | 'spec release' | 'spec document (sha256)';
  values: { column: string; value: string }[];
}

export interface CompareMatrix {
  columns: Column[];
  mismatches: VersionMismatch[];
  sections: SectionRows[];
  scenarios: ScenarioRow[];
}

/** Notes one cell keeps; the report of that column has them all. */
const MAX_NOTES = 3;
/** Longest note; a server can put megabytes into one message. */
const MAX_NOTE_CHARS = 300;

/** The worst first: a cell shows the worst status among its results. */
const STATUS_RANK: readonly CheckStatus[] = ['error', 'failed', 'warning', 'expected', 'passed', 'skipped', 'not_run'];

/** Statuses whose results carry a finding or message worth a note. */
const NOTED: ReadonlySet<CheckStatus> = new Set(['error', 'failed', 'warning', 'expected', 'skipped', 'not_run']);

/** The section of checks neither a report nor the describer knows. */
export const UNDESCRIBED_SECTION = 'Checks this version does not describe';

/** One check result of one scenario, as the matrix reads it. */
interface Result {
  scenario: string;
  name: string;
  status: CheckStatus;
  info: CheckInfo & { checkId: string };
  note?: string;
}

/**
 * The comparison of several reports: a column per report, rows by spec section and requirement
 * (each with its scenarios), and a row per scenario. A row a report does not have is `absent` in
 * that column, never passed.
 */
export function buildMatrix(reports: readonly ComparedReport[], describe: DescribeCheck): CompareMatrix {
  const columns = namedColumns(reports);
  const known = recordedInfo(reports);
  const listed = reports.map(({ report }) => report.scenarios.flatMap((scenario) => scenarioResults(scenario, known, describe)));
  const results = listed.map((own, index) => [...own, ...unsentResults(reports[index].report.scenarios, own, listed)]);
  return {
    columns,
    mismatches: versionMismatches(columns),
    sections: requirementSections(results),
    scenarios: scenarioRows(reports),
  };
}

/** Columns named by target; two reports of one target are told apart by their file. */
function namedColumns(reports: readonly ComparedReport[]): Column[] {
  const targets = reports.map(({ report }) => report.target.baseUrl);
  const names = reports.map(({ file, report }) => (targets.filter((url) => url === report.target.baseUrl).length > 1 ? `${report.target.baseUrl} (${file})` : report.target.baseUrl));
  return reports.map(({ file, report }, index) => ({
    // The same file given twice still gets two names.
    name: names.indexOf(names[index]) === index ? names[index] : `${names[index]} #${index + 1}`,
    file,
    baseUrl: report.target.baseUrl,
    model: report.target.model,
    tool: `${report.tool.name} ${report.tool.version}`,
    specVersion: report.specVersion,
    ...(report.specSha256 === undefined ? {} : { specSha256: report.specSha256 }),
    startedAt: report.startedAt,
    summary: report.summary,
  }));
}

/**
 * The versions the reports do not share. Two documents of one release name differ when their
 * hashes do (an edited copy, a --spec file); a report that records no hash cannot tell, so only
 * hashes that are known and differ under one release name are flagged (two releases' documents
 * always differ, and the release already says so).
 */
function versionMismatches(columns: readonly Column[]): VersionMismatch[] {
  const hashesOf = (release: string) => new Set(columns.flatMap((column) => (column.specVersion === release && column.specSha256 !== undefined ? [column.specSha256] : [])));
  const fields: [VersionMismatch['what'], (column: Column) => string, boolean][] = [
    ['tool version', (column) => column.tool, new Set(columns.map((column) => column.tool)).size > 1],
    ['spec release', (column) => column.specVersion, new Set(columns.map((column) => column.specVersion)).size > 1],
    ['spec document (sha256)', (column) => (column.specSha256 === undefined ? 'not recorded' : shortHash(column.specSha256)), columns.some((column) => hashesOf(column.specVersion).size > 1)],
  ];
  return fields.filter(([, , differs]) => differs).map(([what, value]) => ({ what, values: columns.map((column) => ({ column: column.name, value: value(column) })) }));
}

/** The start of a sha256, enough to tell two documents apart. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

/**
 * What the reports themselves say of each check they hold in full: by scenario and name first (a
 * check such as `error/request-rejected` tests another requirement in each scenario), then by id,
 * but only for a check whose records all name one requirement.
 */
function recordedInfo(reports: readonly ComparedReport[]): { byName: Map<string, CheckInfo>; byId: Map<string, CheckInfo> } {
  const byName = new Map<string, CheckInfo>();
  const byId = new Map<string, CheckInfo>();
  const varying = new Set<string>();
  for (const { report } of reports) {
    for (const scenario of report.scenarios) {
      for (const check of scenario.checks) {
        const info = { requirement: check.requirement, section: check.section, title: check.title };
        byName.set(nameKey(scenario.id, checkName(check)), info);
        const first = byId.get(check.id);
        if (first === undefined) byId.set(check.id, info);
        else if (first.requirement !== info.requirement) varying.add(check.id);
      }
    }
  }
  for (const id of varying) byId.delete(id);
  return { byName, byId };
}

/** A check of a scenario, by the name report.json gives it. */
export function nameKey(scenario: string, name: string): string {
  return JSON.stringify([scenario, name]);
}

/** The check id in a report's check name. */
function idOfName(name: string): string {
  const colon = name.indexOf(': ');
  return colon === -1 ? name : name.slice(colon + 2);
}

/** Every check result of a scenario: the full ones, then the passed and unjudged ones it lists by name. */
function scenarioResults(scenario: JsonScenario, known: ReturnType<typeof recordedInfo>, describe: DescribeCheck): Result[] {
  const infoOf = (name: string, id: string): CheckInfo & { checkId: string } => ({
    checkId: id,
    ...(known.byName.get(nameKey(scenario.id, name)) ??
      describe(scenario.id, name, id) ??
      known.byId.get(id) ?? { requirement: '?', section: UNDESCRIBED_SECTION, title: id }),
  });
  const full = scenario.checks.map((check): Result => ({
    scenario: scenario.id,
    name: checkName(check),
    status: check.status,
    info: { checkId: check.id, requirement: check.requirement, section: check.section, title: check.title },
    note: checkNote(scenario.id, check),
  }));
  const passed = scenario.passedChecks.map((name): Result => ({ scenario: scenario.id, name, status: 'passed', info: infoOf(name, idOfName(name)) }));
  const unjudged = scenario.unjudgedChecks.flatMap((group) =>
    group.checks.map((name): Result => ({ scenario: scenario.id, name, status: group.status, info: infoOf(name, idOfName(name)), note: shorten(`${scenario.id} › ${name}: ${group.reason}`) })),
  );
  return [...full, ...passed, ...unjudged];
}

/**
 * A scenario a report skipped or could not run lists only some of its checks (none of the
 * scenario's own expectations): the checks the other reports ran in it take the scenario's
 * status there, rather than looking absent.
 */
function unsentResults(scenarios: readonly JsonScenario[], own: readonly Result[], all: readonly Result[][]): Result[] {
  const unsent = new Map(scenarios.filter((scenario) => scenario.status === 'skipped' || scenario.status === 'not_run').map((scenario) => [scenario.id, scenario]));
  const seen = new Set(own.map((result) => nameKey(result.scenario, result.name)));
  const added: Result[] = [];
  for (const result of all.flat()) {
    const scenario = unsent.get(result.scenario);
    const key = nameKey(result.scenario, result.name);
    if (scenario === undefined || seen.has(key)) continue;
    seen.add(key);
    added.push({ ...result, status: scenario.status, note: shorten(`${scenario.id}: ${scenario.note ?? `scenario ${scenario.status}`}`) });
  }
  return added;
}

/** `scenario › step: message (at /output/0; expected X, seen Y)` for a check kept in full. */
function checkNote(scenario: string, check: CheckResult): string {
  const where = check.step === undefined ? scenario : `${scenario} › ${check.step}`;
  const finding = check.findings[0];
  if (finding === undefined) return shorten(`${where}: ${check.message}`);
  const detail = [
    describeLocation(finding.location),
    finding.expected === undefined ? undefined : `expected ${finding.expected}`,
    finding.actual === undefined ? undefined : `seen ${finding.actual}`,
  ].filter((part): part is string => part !== undefined);
  const more = check.findings.length + (check.droppedFindings ?? 0) - 1;
  return shorten(`${where}: ${finding.requirement} ${finding.message}${detail.length > 0 ? ` (${detail.join('; ')})` : ''}${more > 0 ? ` [+${more} more]` : ''}`);
}

function shorten(text: string): string {
  const line = sanitizeForTerminal(text);
  if (line.length <= MAX_NOTE_CHARS) return line;
  // Never cut between the halves of a surrogate pair.
  const cut = /[\ud800-\udbff]/.test(line[MAX_NOTE_CHARS - 2] ?? '') ? MAX_NOTE_CHARS - 2 : MAX_NOTE_CHARS - 1;
  return `${line.slice(0, cut)}…`;
}

/** A requirement row being gathered: what it is, and the scenarios any report ran it in. */
interface RowDraft {
  key: string;
  requirement: string;
  checkId: string;
  title: string;
  scenarios: Set<string>;
}

function rowKey({ info }: Result): string {
  return JSON.stringify([info.section, info.requirement, info.checkId]);
}

/** Requirement rows grouped by section. */
function requirementSections(results: readonly Result[][]): SectionRows[] {
  const sections = new Map<string, Map<string, RowDraft>>();
  for (const result of results.flat()) {
    const { section, requirement, checkId, title } = result.info;
    const rows = sections.get(section) ?? new Map<string, RowDraft>();
    sections.set(section, rows);
    const key = rowKey(result);
    const row = rows.get(key) ?? { key, requirement, checkId, title, scenarios: new Set<string>() };
    rows.set(key, row);
    row.scenarios.add(result.scenario);
  }
  const byRow = results.map((column) => groupBy(column, rowKey));
  // A fixed order, whichever report comes first and whatever failed: sections by name, rows by requirement.
  const sorted = [...sections].sort(([a], [b]) => Number(a === UNDESCRIBED_SECTION) - Number(b === UNDESCRIBED_SECTION) || a.localeCompare(b));
  const byRequirement = (a: RowDraft, b: RowDraft) => a.requirement.localeCompare(b.requirement, 'en', { numeric: true }) || a.checkId.localeCompare(b.checkId);
  return sorted.map(([section, rows]) => ({
    section,
    rows: [...rows.values()].sort(byRequirement).map(({ key, ...row }) => {
      const columnResults = byRow.map((groups) => groups.get(key) ?? []);
      const cells = columnResults.map(cellOf);
      const scenarios = [...row.scenarios].map((scenario) => {
        const scenarioCells = columnResults.map((found) => cellOf(found.filter((result) => result.scenario === scenario)));
        return { scenario, cells: scenarioCells, differs: differ(scenarioCells) };
      });
      return { requirement: row.requirement, checkId: row.checkId, title: row.title, cells, differs: differ(cells), scenarios };
    }),
  }));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** The worst status of the results, their counts, and the notes of the worst ones first. */
function cellOf(results: readonly { status: CheckStatus; note?: string }[]): Cell {
  if (results.length === 0) return { status: 'absent', counts: {}, notes: [] };
  const counts: Partial<Record<CheckStatus, number>> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  const rank = (status: CheckStatus) => STATUS_RANK.indexOf(status);
  const ordered = [...results].sort((a, b) => rank(a.status) - rank(b.status));
  const notes = ordered.flatMap((result) => (NOTED.has(result.status) && result.note !== undefined && result.note !== '' ? [result.note] : []));
  return { status: ordered[0].status, counts, notes: capNotes(notes) };
}

/** The first notes, and how many more there were. */
function capNotes(notes: readonly string[]): string[] {
  return notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES), `… and ${notes.length - MAX_NOTES} more`] : [...notes];
}

/** Targets disagree when their cells' statuses differ. */
function differ(cells: readonly Cell[]): boolean {
  return new Set(cells.map((cell) => cell.status)).size > 1;
}

/** A row per scenario, in the order scenarios first appear; a cell is the scenario's status with its problem checks as notes. */
function scenarioRows(reports: readonly ComparedReport[]): ScenarioRow[] {
  const titles = new Map<string, string>();
  for (const { report } of reports) for (const scenario of report.scenarios) if (!titles.has(scenario.id)) titles.set(scenario.id, scenario.title);
  return [...titles].map(([id, title]) => {
    const cells = reports.map(({ report }) => {
      const scenario = report.scenarios.find((candidate) => candidate.id === id);
      if (scenario === undefined) return cellOf([]);
      const problems = scenario.checks.filter((check) => NOTED.has(check.status)).map((check) => checkNote(id, check));
      const notes = [...(scenario.note === undefined || scenario.note === '' ? [] : [shorten(scenario.note)]), ...problems];
      return { ...cellOf([{ status: scenario.status }]), notes: capNotes(notes) };
    });
    return { scenario: id, title, cells, differs: differ(cells) };
  });
}

#!/usr/bin/env node
// Turns the vendored requirement catalogue (spec/requirements.md) into spec/requirements.json,
// which the tool loads at run time: `npm run requirements`. With --stdout it prints the JSON
// instead of writing it, so a test can see that the committed file is what the markdown gives.
// Only the tables with a Verdict column are requirement rows; the ambiguities (Z-01 to Z-50)
// and the descriptive tables have none.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPEC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'spec');
const RELEASES = { J: '2026-01-15', A: '2026-04-24' };
/** Columns that are not part of the row's wording; every other column after the id is. */
const META_COLUMNS = new Set(['Strength', 'Verdict', 'Source', 'Ver']);
const ID = /^[A-Z]+(?:-[A-Z]+)*-(?:\d+|D)$/;

/** Cells of a table line; `\|` is a pipe inside a cell, as GitHub markdown escapes it. */
function cells(line) {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Bold marks only stress a word for human readers; code spans carry meaning and stay. */
function plain(cell) {
  return cell.replace(/\*\*/g, '');
}

/** Splits at semicolons outside parentheses: `fail (a; b); warn (c)` is two parts. */
function topLevelParts(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ';' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

function verdicts(cell, id) {
  return topLevelParts(plain(cell)).map((part) => {
    const match = /^(fail|warn|none)(?:\s*\((.*)\))?$/s.exec(part);
    if (!match) throw new Error(`${id}: cannot read the verdict part "${part}"`);
    return match[2] === undefined ? { verdict: match[1] } : { verdict: match[1], scope: match[2].trim() };
  });
}

/** `J,A` gives both release dates; `D` alone marks a draft row, in no release. Notes in parentheses are dropped. */
function releases(cell, id) {
  const tags = cell.replace(/\(.*?\)/g, '').split(',').map((tag) => tag.trim()).filter(Boolean);
  for (const tag of tags) if (tag !== 'D' && !(tag in RELEASES)) throw new Error(`${id}: unknown version tag "${tag}"`);
  const dated = tags.filter((tag) => tag in RELEASES).map((tag) => RELEASES[tag]);
  return { releases: dated, draft: dated.length === 0 };
}

function row(header, line, section) {
  const values = cells(line);
  if (values.length !== header.length) throw new Error(`a row of "${section}" has ${values.length} cells, its header ${header.length}: ${line}`);
  const cell = (name) => {
    const index = header.indexOf(name);
    return index === -1 ? null : values[index];
  };
  const id = plain(values[0]);
  if (!ID.test(id)) throw new Error(`"${id}" in "${section}" is not a requirement id`);
  // Tables such as d.1 spread the wording over several columns (Item, Required fields, …).
  const wording = header
    .map((name, index) => ({ name, value: plain(values[index]) }))
    .slice(1)
    .filter(({ name }) => !META_COLUMNS.has(name));
  const text = wording.map(({ name, value }, index) => (index === 0 ? value : `${name}: ${value}`)).join('; ');
  return {
    id,
    text,
    strength: cell('Strength'),
    verdicts: verdicts(cell('Verdict'), id),
    section,
    source: cell('Source'),
    ...releases(cell('Ver'), id),
  };
}

/** Every row of every table that has a Verdict column, in the order of the file. */
export function parseCatalogue(markdown) {
  const lines = markdown.split('\n');
  const rows = [];
  let group = '';
  let subsection = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('## ')) [group, subsection] = [line.slice(3).trim(), ''];
    else if (line.startsWith('### ')) subsection = line.slice(4).trim();
    const isHeader = line.startsWith('|') && /^\|\s*-{3}/.test(lines[i + 1] ?? '');
    if (!isHeader) continue;
    const header = cells(line);
    if (!header.includes('Verdict')) continue;
    const section = subsection ? `${group} / ${subsection}` : group;
    for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(row(header, lines[i], section));
  }
  const seen = new Set();
  for (const { id } of rows) {
    if (seen.has(id)) throw new Error(`${id} appears twice`);
    seen.add(id);
  }
  return rows;
}

const json = `${JSON.stringify(parseCatalogue(readFileSync(join(SPEC_DIR, 'requirements.md'), 'utf8')), null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(json);
else writeFileSync(join(SPEC_DIR, 'requirements.json'), json);

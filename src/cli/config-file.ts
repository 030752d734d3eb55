import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { dataFormatFor, parseDataText } from '../core/data-file.js';
import { ConfigurationError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { isSecretHeaderName } from '../runner/redaction.js';
import { CONFIG_FILE_NAMES } from './options.js';

/** Keys a config file may never hold: the key comes from the flag or the environment only. */
const SECRET_KEYS = new Set(['apiKey']);
const KEY_ELSEWHERE = 'the key comes from --api-key or OPENRESPONSES_API_KEY';

/** A config file as read: its path (for messages) and its settings by flag name (camelCase). */
export interface ConfigFile {
  path: string;
  settings: Record<string, unknown>;
}

/** `--config <file>` (relative to `cwd`), else the one config file in `cwd`, else none. Several in `cwd` is an error. */
export async function findConfigFile(explicit: string | undefined, cwd: string): Promise<string | undefined> {
  if (explicit !== undefined) return resolve(cwd, explicit);
  const present: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(cwd, name);
    if (await exists(path)) present.push(path);
  }
  if (present.length > 1) throw new ConfigurationError(`several config files in ${cwd} (${present.map((p) => p.slice(cwd.length + 1)).join(', ')}); keep one, or choose with --config`);
  return present[0];
}

/** Reads a config file: JSON or YAML by extension, an object at the top. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  const format = dataFormatFor(path);
  if (format === undefined) throw new ConfigurationError(`config file ${path}: the file name must end in .json, .yaml or .yml`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`config file ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parsed = parseDataText(text, format);
  if ('problem' in parsed) throw new ConfigurationError(`config file ${path}: ${parsed.problem}`);
  // An empty YAML file is no settings, not an error.
  const settings = parsed.value ?? {};
  if (typeof settings !== 'object' || Array.isArray(settings)) throw new ConfigurationError(`config file ${path}: expected an object of settings, e.g. { "model": "my-model" }`);
  return { path, settings: settings as Record<string, unknown> };
}

/**
 * Applies a config file to a command's options. A flag given on the command line wins; the file
 * wins over the environment and the built-in defaults. `knownKeys` are the keys of every command
 * that reads config files, so one file serves `run` and `self-test`; a key another command takes
 * is ignored here. Values go through each option's own parser, so the file is checked like flags.
 */
export function applyConfigFile(command: Command, config: ConfigFile, knownKeys: ReadonlySet<string>): void {
  const fail = (key: string, problem: string): never => {
    throw new ConfigurationError(`config file ${config.path}: "${key}" ${problem}`);
  };
  for (const [key, value] of Object.entries(config.settings)) {
    if (SECRET_KEYS.has(key)) fail(key, `is not allowed in a config file; ${KEY_ELSEWHERE}`);
    if (!knownKeys.has(key)) fail(key, `is not a setting${didYouMean(key, [...knownKeys]) || '; settings are the flags in camelCase, e.g. baseUrl, model, timeout'}`);
    const option = command.options.find((o) => o.attributeName() === key);
    if (option === undefined || command.getOptionValueSource(key) === 'cli') continue;
    let converted: unknown;
    try {
      converted = convertSetting(option, value);
    } catch (err) {
      if (err instanceof InvalidArgumentError || err instanceof ConfigurationError) fail(key, `is invalid: ${err.message}`);
      throw err;
    }
    if (key === 'header' && Array.isArray(converted) && converted.some(isSecretHeader)) fail(key, `holds a secret-looking header, which is not allowed in a config file; ${KEY_ELSEWHERE} (or -H)`);
    command.setOptionValueWithSource(key, converted, 'config');
  }
}

/** Flags that take a comma-separated list. */
const COMMA_LISTS: ReadonlySet<string> = new Set(['only', 'skip', 'reporter']);

/** A setting's value as its flag would give it, or an error saying which type the flag takes. */
function convertSetting(option: Option, value: unknown): unknown {
  const fallback: unknown = option.defaultValue;
  if (!option.required && !option.optional) {
    if (typeof value !== 'boolean') throw new ConfigurationError('must be true or false');
    return value;
  }
  if (Array.isArray(fallback)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigurationError('must be a list of strings');
    return (value as string[]).reduce<unknown>((previous, v) => (option.parseArg ? option.parseArg(v, previous) : [...(previous as string[]), v]), []);
  }
  // A comma-separated flag (`only`, `skip`, `reporter`) takes its natural list form in a file too.
  if (COMMA_LISTS.has(option.attributeName()) && Array.isArray(value)) {
    if (value.some((v) => typeof v !== 'string')) throw new ConfigurationError('must be a string or a list of strings');
    return value.join(',');
  }
  const numeric = typeof fallback === 'number';
  if (typeof value !== 'string' && !(numeric && typeof value === 'number')) throw new ConfigurationError(numeric ? 'must be a number' : 'must be a string');
  return option.parseArg ? option.parseArg(String(value), undefined) : String(value);
}

function isSecretHeader(entry: unknown): boolean {
  return typeof entry === 'string' && isSecretHeaderName(entry.slice(0, entry.indexOf(':')).trim());
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

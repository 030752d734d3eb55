import type { LookupFunction } from 'node:net';
import { ConfigurationError } from '../core/errors.js';
import { runConformance } from '../core/run.js';
import { splitList } from '../scenarios/index.js';
import { headerRecord, pacingFromFlags, type BaselineFlags, type PacingFlags, type RetryFlags, type ScenarioFileFlags, type SuiteFlags } from './options.js';
import { applyBaseline, baselineFormat, judgeScenario, readBaseline, writeBaseline, type Baseline, type BaselineSettings } from '../baseline/index.js';
import type { RunEvent } from '../runner/events.js';
import { prepareOutputs, type OutputIo } from './outputs.js';
import { exitCodeFor } from './exit-code.js';

/** Everything a suite run needs once the flags are read. */
export interface SuiteConfig extends SuiteFlags, BaselineFlags, RetryFlags, ScenarioFileFlags, PacingFlags {
  baseUrl: string;
  model: string;
  apiKey?: string;
  authHeader: string;
  bearer: boolean;
  headers: string[];
  /** Replaces DNS resolution (tests only). */
  lookup?: LookupFunction;
  /** Give failing steps a curl reproduction (off for self-test, whose server is gone afterwards). */
  reproductions?: boolean;
  /** `--record <dir>`: where step transcripts go. */
  record?: string;
}

/** Where the suite prints and how. */
export type SuiteIo = OutputIo;

/** Runs the suite through the core, prints it live, writes the reports and returns the exit code. */
export async function executeSuite(config: SuiteConfig, io: SuiteIo): Promise<number> {
  const outputs = await prepareOutputs(config, io);
  // Both baseline files are checked before anything is sent.
  if (config.writeBaseline !== undefined) baselineFormat('--write-baseline', config.writeBaseline);
  const baseline = config.baseline === undefined ? undefined : { list: await readBaseline(config.baseline), settings: { file: config.baseline, strict: config.strictBaseline ?? false } };
  const onEvent = outputs.onEvent && (baseline ? judgedEvents(outputs.onEvent, baseline.list, baseline.settings) : outputs.onEvent);
  const raw = await runConformance({
    baseUrl: config.baseUrl,
    model: config.model,
    apiKey: config.apiKey,
    authHeader: config.authHeader,
    bearer: config.bearer,
    headers: headerRecord(config.headers),
    specVersion: config.specVersion,
    specFile: config.spec,
    scenarioFiles: config.scenarios,
    only: selection('--only', config.only),
    skip: selection('--skip', config.skip),
    ...(config.capabilities !== undefined ? { capabilities: selection('--capabilities', config.capabilities) } : {}),
    timeoutMs: config.timeout,
    maxBodyBytes: config.maxBodyBytes,
    maxEvents: config.maxEvents,
    concurrency: config.concurrency,
    pacing: pacingFromFlags(config),
    retries: config.retries,
    strict: config.strict ?? false,
    lookup: config.lookup,
    record: config.record,
    reproductions: config.reproductions,
    onEvent,
  });
  if (config.writeBaseline !== undefined) await writeBaseline(config.writeBaseline, raw);
  const run = baseline ? applyBaseline(raw, baseline.list, baseline.settings) : raw;
  await outputs.finish(run);
  return exitCodeFor(run);
}

/** The events as the baseline judges them, so the console shows expected failures as they finish. */
function judgedEvents(listener: (event: RunEvent) => void, baseline: Baseline, settings: BaselineSettings): (event: RunEvent) => void {
  return (event) => {
    if (event.type === 'scenario-finished') listener({ ...event, result: judgeScenario(event.result, baseline) });
    else if (event.type === 'run-finished') listener({ ...event, result: applyBaseline(event.result, baseline, settings) });
    else listener(event);
  };
}

/**
 * An --only/--skip list. Given but empty (`--only ""`, often an unset shell variable) is an
 * error rather than "no filter", so a typo never runs or skips everything silently.
 */
function selection(flag: string, value: string | undefined): string[] {
  const names = splitList(value);
  if (value !== undefined && names.length === 0) throw new ConfigurationError(`${flag} needs at least one scenario id or tag; run "open-responses-check list" to see them`);
  return names;
}

/**
 * The CLI's commands and flags. Only commander and the light option definitions load at start;
 * each action (and the config file reader before it) imports its implementation when it runs, so
 * `--help` and a mistyped flag never load the HTTP client, the schema compiler, the reporters or
 * the reference server.
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigurationError } from '../core/errors.js';
import { apiKey, baselineOptions, collect, collectHeader, configOption, headerName, nonNegativeInteger, pacingOptions, port, positiveInteger, recordOption, retryOptions, scenariosOption, secretsInArguments, suiteOptions, type BaselineFlags, type PacingFlags, type RetryFlags, type ScenarioFileFlags, type SuiteFlags } from './options.js';
import { EXIT } from './exit-code.js';
import type { SuiteIo } from './suite.js';
import type { ValidateFlags } from './validate.js';
import type { ProxyFlags } from './proxy.js';
import type { CompareFlags } from './compare.js';
import { toolInfo } from '../core/version.js';
import { didYouMean } from '../core/suggest.js';
import { isReferenceCapability, REFERENCE_CAPABILITIES, type ReferenceCapability } from '../fixtures/capabilities.js';
import { createRedactor, type Redactor } from '../runner/redaction.js';

/** How the CLI talks to the outside world; tests pass their own. */
export interface CliIo extends SuiteIo {
  /** Read by `validate -`. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Resolves when `serve` should stop (SIGINT/SIGTERM in the real process). */
  untilStopped?: () => Promise<void>;
  /** Where a config file is looked for; the process's working directory by default. */
  cwd?: string;
}

interface TargetFlags extends SuiteFlags, BaselineFlags, RetryFlags, ScenarioFileFlags, PacingFlags {
  baseUrl?: string;
  apiKey?: string;
  authHeader: string;
  bearer: boolean;
  header: string[];
  model?: string;
  record?: string;
}

const DEFAULT_SELF_TEST_MODEL = 'reference-model';

/**
 * Runs the CLI and returns its exit code. Every error ends here as one line on stderr: usage
 * errors exit 2, anything unexpected exits 2 as well, never with a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  endQuietlyOnClosedOutput(io);
  let exitCode: number = EXIT.ok;
  const redact = createRedactor(secretsInArguments(argv, process.env));
  const program = buildProgram(io, redact, (code) => (exitCode = code));
  try {
    checkCommandName(program, argv[0]);
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help/version text).
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`open-responses-check: ${redact(message.split('\n')[0])}\n`);
    return EXIT.usage;
  }
}

/**
 * A reader that went away (`| head`, `| grep -q`) closes stdout: console output then ends quietly
 * and the run goes on to write its reports and return its exit code. Any other write error is said
 * once on stderr.
 */
function endQuietlyOnClosedOutput(io: CliIo): void {
  let said = false;
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || said) return;
    said = true;
    io.stderr.write(`open-responses-check: cannot write to standard output (${err.code ?? err.message}); the reports are still written\n`);
  });
}

/**
 * `run` is the default command and takes no arguments, so a mistyped command (`selftest`) would
 * reach it as one; name the command instead.
 */
function checkCommandName(program: Command, first: string | undefined): void {
  if (first === undefined || first.startsWith('-')) return;
  const commands = program.commands.map((command) => command.name());
  if (commands.includes(first) || first === 'help') return;
  throw new ConfigurationError(`unknown command "${first}"${didYouMean(first, commands)} (the commands are ${commands.join(', ')})`);
}

function buildProgram(io: CliIo, redact: Redactor, setExit: (code: number) => void): Command {
  const { version } = toolInfo();
  const program = new Command('open-responses-check')
    .description('Conformance test suite for Open Responses servers (POST /v1/responses and its SSE events).')
    .version(version, '-V, --version')
    .exitOverride()
    // commander repeats an invalid value in its message, and a mistyped value may be the key.
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(redact(s)) })
    .showHelpAfterError('(run with --help for usage)');

  /** Every setting a config file may hold: the flags of the commands that read one (filled below). */
  const configKeys = new Set<string>();
  const withTargetOptions = (command: Command, target: boolean): Command => {
    if (target) command.addOption(new Option('--base-url <url>', 'API root including /v1, e.g. http://localhost:8000/v1').env('OPENRESPONSES_BASE_URL'));
    command
      .addOption(new Option('--api-key <key>', 'API key sent with every request').env('OPENRESPONSES_API_KEY').argParser(apiKey))
      .addOption(new Option('--auth-header <name>', 'header that carries the key').default('Authorization').argParser(headerName))
      .addOption(new Option('--no-bearer', 'send the key without the "Bearer " prefix'))
      .addOption(new Option('-H, --header <header>', 'extra request header "Name: value" (repeatable)').argParser(collectHeader).default([]))
      .addOption(new Option('--model <id>', 'model id sent in every request').env('OPENRESPONSES_MODEL'));
    for (const option of suiteOptions()) command.addOption(option);
    for (const option of baselineOptions()) command.addOption(option);
    for (const option of retryOptions()) command.addOption(option);
    for (const option of pacingOptions()) command.addOption(option);
    command.addOption(recordOption());
    command.addOption(scenariosOption());
    command
      .addOption(configOption())
      .hook('preAction', async (self) => {
        const { applyConfigFile, findConfigFile, readConfigFile } = await import('./config-file.js');
        const path = await findConfigFile(self.getOptionValue('config') as string | undefined, io.cwd ?? process.cwd());
        if (path !== undefined) applyConfigFile(self, await readConfigFile(path), configKeys);
      });
    return command.exitOverride();
  };
  const run = withTargetOptions(program.command('run', { isDefault: true }).description('run the suite against a server (the default command)'), true).action(async (flags: TargetFlags) => {
    if (!flags.baseUrl) throw new ConfigurationError('--base-url is required (or set OPENRESPONSES_BASE_URL), e.g. --base-url http://localhost:8000/v1');
    if (!flags.model) throw new ConfigurationError('--model is required (or set OPENRESPONSES_MODEL)');
    const { executeSuite } = await import('./suite.js');
    setExit(await executeSuite({ ...flags, baseUrl: flags.baseUrl, model: flags.model, headers: flags.header }, io));
  });

  const selfTest = withTargetOptions(program.command('self-test').description('start the embedded reference server and run the suite against it'), false)
    .addOption(new Option('--fault <name>', 'make the reference server break a rule (repeatable; see serve --list-faults)').argParser(collect).default([]))
    .addOption(withoutOption())
    .addOption(eventIntervalOption())
    .action(async (flags: TargetFlags & { fault: string[]; without: string[]; eventInterval: number }) => {
      const fault = await knownFaults(flags.fault);
      const without = knownCapabilities(flags.without);
      const { randomBytes } = await import('node:crypto');
      const key = flags.apiKey ?? `self-test-${randomBytes(12).toString('hex')}`;
      const [{ startReferenceServer }, { executeSuite }] = await Promise.all([import('../fixtures/server.js'), import('./suite.js')]);
      const server = await startReferenceServer({ apiKey: key, authHeader: flags.authHeader, bearer: flags.bearer, fault, without, eventIntervalMs: flags.eventInterval });
      try {
        const model = flags.model ?? DEFAULT_SELF_TEST_MODEL;
        // The in-process server is gone after the run, so a curl line could never reproduce anything.
        setExit(await executeSuite({ ...flags, apiKey: key, baseUrl: server.url, model, headers: flags.header, reproductions: false }, io));
      } finally {
        await server.close();
      }
    });

  for (const option of [...run.options, ...selfTest.options]) configKeys.add(option.attributeName());
  configKeys.delete('config');
  program.addHelpText('after', () => runHelp(run));

  program
    .command('serve')
    .description('run the embedded reference server until interrupted')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)').default(0).argParser(port))
    .addOption(new Option('--api-key <key>', 'reject requests that do not carry this key').argParser(apiKey))
    .addOption(new Option('--auth-header <name>', 'header that carries the key').default('Authorization').argParser(headerName))
    .addOption(new Option('--no-bearer', 'expect the key without the "Bearer " prefix'))
    .addOption(new Option('--fault <name>', 'break a rule on purpose (repeatable)').argParser(collect).default([]))
    .addOption(withoutOption())
    .addOption(new Option('--latency <ms>', 'wait this long before answering each request and each WebSocket message').default(0).argParser(nonNegativeInteger('--latency')))
    .addOption(eventIntervalOption())
    .option('--list-faults', 'list the faults and exit')
    .exitOverride()
    .action(async (flags: { port: number; apiKey?: string; authHeader: string; bearer: boolean; fault: string[]; without: string[]; latency: number; eventInterval: number; listFaults?: boolean }) => {
      if (flags.listFaults) {
        const { FAULTS } = await import('../fixtures/faults.js');
        for (const fault of FAULTS) io.stdout.write(`${fault.name.padEnd(34)} ${fault.breaks.padEnd(34)} ${fault.description}\n`);
        return;
      }
      const fault = await knownFaults(flags.fault);
      const without = knownCapabilities(flags.without);
      const { startReferenceServer } = await import('../fixtures/server.js');
      const server = await startReferenceServer({ port: flags.port, apiKey: flags.apiKey, authHeader: flags.authHeader, bearer: flags.bearer, fault, without, latencyMs: flags.latency, eventIntervalMs: flags.eventInterval });
      // The first line is for scripts; the second says how this server differs from a plain one.
      io.stdout.write(`listening on ${server.url}\n`);
      const notes = [
        ...(flags.fault.length > 0 ? [`faults: ${flags.fault.join(', ')}`] : []),
        ...(without.length > 0 ? [`without: ${without.join(', ')}`] : []),
        ...(flags.latency > 0 ? [`each answer waits ${flags.latency} ms`] : []),
        ...(flags.eventInterval > 0 ? [`${flags.eventInterval} ms between the events of a stream`] : []),
        ...(flags.apiKey !== undefined ? [`requests must carry the key in ${flags.authHeader}${flags.bearer ? ' (Bearer)' : ''}`] : []),
      ];
      if (notes.length > 0) io.stdout.write(`${notes.join(' · ')}\n`);
      await (io.untilStopped ?? untilSignal)();
      await server.close();
    });

  const proxy = program
    .command('proxy')
    .description('a validating proxy on 127.0.0.1: forwards everything to --target unchanged and judges each /responses exchange live')
    .requiredOption('--target <url>', 'API root of the server to forward to, including /v1, e.g. http://localhost:8000/v1')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)').default(0).argParser(port))
    .addOption(new Option('--report-every <n>', 'also write the reports after every n judged exchanges').argParser(positiveInteger('--report-every')))
    .addOption(recordOption())
    .exitOverride();
  for (const option of suiteOptions()) {
    if (!['--only', '--skip', '--timeout', '--concurrency', '--capabilities'].includes(option.long ?? '')) proxy.addOption(option);
  }
  // The traffic passing through is live, so whether its streams were buffered can be judged.
  for (const option of pacingOptions()) proxy.addOption(option);
  proxy.action(async (flags: ProxyFlags) => {
    const { proxyCommand } = await import('./proxy.js');
    setExit(await proxyCommand(flags, io, io.untilStopped ?? untilSignal));
  });

  const validate = program
    .command('validate')
    .description('check captured bodies offline: a JSON response, or a raw text/event-stream capture ("-" reads stdin)')
    .argument('<files...>', 'capture files, or step folders of a --record transcript')
    .exitOverride();
  for (const option of suiteOptions()) {
    if (!['--only', '--skip', '--timeout', '--concurrency'].includes(option.long ?? '')) validate.addOption(option);
  }
  validate.addOption(new Option('--request <file>', 'the request body (JSON) the captures answered, so the rules that compare with it run'));
  validate.action(async (files: string[], flags: ValidateFlags) => {
    const { validateCommand } = await import('./validate.js');
    setExit(await validateCommand(files, flags, { ...io, stdin: io.stdin ?? emptyInput() }));
  });

  program
    .command('list')
    .description('list the scenarios and the checks they run, with requirement ids')
    .option('--json', 'print JSON')
    .option('--requirements', 'list the requirement catalogue instead: the checks and scenarios that test each row, or why none do')
    .addOption(new Option('--spec-version <date>', 'bundled spec release'))
    .addOption(new Option('--spec <file>', 'OpenAPI document to read cURL snippets against'))
    .addOption(scenariosOption())
    .exitOverride()
    .action(async (flags: { json?: boolean; specVersion?: string; spec?: string; requirements?: boolean; scenarios?: string[] }) => {
      const { listCommand } = await import('./list.js');
      listCommand(flags, io);
    });

  program
    .command('explain')
    .description('show a requirement of the catalogue (e.g. HTTP-08) and the checks and scenarios that test it')
    .argument('<id>', 'requirement id, in any case')
    .exitOverride()
    .action(async (id: string) => {
      const { explainCommand } = await import('./explain.js');
      explainCommand(id, io);
    });

  program
    .command('compare')
    .description('compare the report.json of several runs: a matrix of scenarios and requirements by target (compare.html, compare.md)')
    .argument('<reports...>', 'report.json files, or folders holding one')
    .addOption(new Option('--out <dir>', 'where compare.html and compare.md go; "-" writes the one chosen page to standard output').default('reports'))
    .addOption(new Option('--reporter <list>', 'pages to write: html, markdown (comma-separated)').default('html,markdown'))
    .option('--only-differences', 'only the rows where the targets differ (compare.html: its switch starts on)')
    .exitOverride()
    .action(async (files: string[], flags: CompareFlags) => {
      const { compareCommand } = await import('./compare.js');
      setExit(await compareCommand(files, flags, io));
    });

  return program;
}

async function* emptyInput(): AsyncIterable<Uint8Array> {}

/** The top-level help's closing part: `run` is the default command, so its options and two examples. */
function runHelp(run: Command): string {
  const help = run.createHelp();
  const width = help.longestOptionTermLength(run, help);
  const options = help.visibleOptions(run).map((option) => `  ${help.optionTerm(option).padEnd(width)}  ${help.optionDescription(option)}`);
  return [
    '',
    'Options of run (the default command):',
    ...options,
    '',
    'Examples:',
    '  open-responses-check --base-url http://localhost:8000/v1 --model my-model --api-key "$KEY"',
    '  open-responses-check self-test --fault no-done-sentinel --only stream',
  ].join('\n');
}

/** `--event-interval <ms>` of `serve` and `self-test`: the reference server paces its streams. */
function eventIntervalOption(): Option {
  return new Option('--event-interval <ms>', 'wait this long between the events of a stream, as a model generating it would').default(0).argParser(nonNegativeInteger('--event-interval'));
}

/** The faults named by a repeatable --fault, checked; an unknown name suggests the nearest ones. */
async function knownFaults(names: readonly string[]): Promise<string[]> {
  const { FAULTS, findFault } = await import('../fixtures/faults.js');
  for (const name of names) {
    if (findFault(name)) continue;
    const hint = didYouMean(name, FAULTS.map((fault) => fault.name)) || '; run "open-responses-check serve --list-faults" to see them';
    throw new ConfigurationError(`unknown fault "${name}"${hint}`);
  }
  return [...names];
}

/** `--without store,compact`: comma-separated, repeatable. */
function withoutOption(): Option {
  return new Option('--without <capabilities>', `switch optional features of the reference server off, comma-separated (${REFERENCE_CAPABILITIES.join(', ')})`)
    .argParser((value: string, previous: string[]) => [...previous, ...value.split(',').map((name) => name.trim()).filter(Boolean)])
    .default([]);
}

/** The capabilities named by --without, checked; an unknown name suggests the nearest one. */
function knownCapabilities(names: readonly string[]): ReferenceCapability[] {
  return names.map((name) => {
    if (isReferenceCapability(name)) return name;
    throw new ConfigurationError(`unknown capability "${name}"${didYouMean(name, REFERENCE_CAPABILITIES)} (the capabilities are ${REFERENCE_CAPABILITIES.join(', ')})`);
  });
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

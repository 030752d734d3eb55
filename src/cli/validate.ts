import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createCaptureValidator, type Capture } from '../core/capture.js';
import { ConfigurationError } from '../core/errors.js';
import { isRecordedStep, loadRecordedStep } from '../core/recorded.js';
import { isRecord } from '../protocol/json.js';
import { parseJson } from '../runner/observe.js';
import type { SuiteFlags } from './options.js';
import { prepareOutputs } from './outputs.js';
import { EXIT, exitCodeFor } from './exit-code.js';
import type { SuiteIo } from './suite.js';

export type ValidateFlags = Pick<SuiteFlags, 'specVersion' | 'spec' | 'out' | 'reporter' | 'strict' | 'maxBodyBytes' | 'maxEvents' | 'verbose'> & {
  /** A JSON file holding the request body the captures answered. */
  request?: string;
};

export interface ValidateIo extends SuiteIo {
  stdin: AsyncIterable<Uint8Array>;
}

/**
 * Checks captured bodies without a server: a file whose first non-blank character is `{` is a
 * JSON response (or an error envelope, `{"error": …}`), anything else a raw `text/event-stream`
 * capture. Each file becomes one scenario
 * of the report. A file that cannot be read is a one-line error; the worst exit code wins.
 */
export async function validateCommand(files: string[], flags: ValidateFlags, io: ValidateIo): Promise<number> {
  const request = flags.request === undefined ? undefined : await readRequest(flags.request);
  if (typeof request === 'string') {
    io.stderr.write(`open-responses-check: ${request}\n`);
    return EXIT.usage;
  }
  const outputs = await prepareOutputs(flags, io);
  const validator = createCaptureValidator({
    specVersion: flags.specVersion,
    specFile: flags.spec,
    maxBodyBytes: flags.maxBodyBytes,
    maxEvents: flags.maxEvents,
    strict: flags.strict ?? false,
    onEvent: outputs.onEvent,
  });
  let judged = 0;
  let unreadable = false;
  for (const file of files) {
    const opened = await openCapture(file, io.stdin);
    if (typeof opened === 'string') {
      io.stderr.write(`open-responses-check: ${opened}\n`);
      unreadable = true;
      continue;
    }
    // A recorded step carries the request it was sent with; a bare capture takes --request.
    await validator.validate(opened.exchange === undefined && request !== undefined ? { ...opened, request } : opened);
    judged++;
  }
  if (judged === 0) return EXIT.usage;
  const run = validator.finish();
  await outputs.finish(run);
  return Math.max(exitCodeFor(run), unreadable ? EXIT.usage : EXIT.ok);
}

/**
 * Opens a capture for reading, or says in one line why it cannot be read. A folder written by
 * `--record` for one step is a recorded step: its request and answer head come with the body.
 */
async function openCapture(file: string, stdin: AsyncIterable<Uint8Array>): Promise<Capture | string> {
  if (file === '-') return { name: 'stdin', body: stdin };
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      if (!(await isRecordedStep(file))) return `cannot read ${file}: a folder that is not a step of a --record transcript (it needs request.json, response.json and body)`;
      return await loadRecordedStep(file);
    }
    if (!info.isFile()) return `cannot read ${file}: not a regular file`;
    if (info.size === 0) return `cannot read ${file}: the file is empty`;
    // request.json and response.json of a step are the transcript's own notes, not an answer.
    if (['request.json', 'response.json'].includes(basename(file)) && (await isRecordedStep(dirname(file)))) {
      return `${file} is a --record transcript's ${basename(file)}, not an answer; validate the step folder ${dirname(file)}`;
    }
  } catch (err) {
    if (err instanceof ConfigurationError) return err.message;
    return `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  return { name: file, body: createReadStream(file) };
}

/** The request body of --request, or one line saying why it cannot be used. */
async function readRequest(file: string): Promise<Record<string, unknown> | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return `cannot read --request ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  const value = parseJson(text);
  return isRecord(value) ? value : `--request ${file} is not a JSON object (the request body sent to POST /responses)`;
}

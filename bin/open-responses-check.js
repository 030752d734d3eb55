#!/usr/bin/env node
// Thin launcher: the CLI itself is compiled into dist/.
import { main } from '../dist/cli/main.js';
import { colorWanted } from '../dist/cli/terminal.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  color: colorWanted(process.env, Boolean(process.stdout.isTTY)),
  tty: Boolean(process.stdout.isTTY),
  env: process.env,
});

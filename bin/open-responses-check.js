#!/usr/bin/env node
// Thin launcher: the CLI itself is compiled into dist/.
import { main } from '../dist/cli/main.js';

const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  color,
  env: process.env,
});

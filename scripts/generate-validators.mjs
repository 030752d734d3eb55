#!/usr/bin/env node
// The second half of `npm run build`, after tsc: writes the validators of every bundled spec
// release (Ajv standalone code, tied to the sha256 of its openapi.json) to dist/spec/generated,
// with the generator the tests check against runtime compilation.
import { writeGeneratedValidators } from '../dist/spec/standalone.js';

writeGeneratedValidators();

#!/usr/bin/env node
// The bare parse pass the bench compares `validate` with: read an SSE capture in chunks, split it
// into messages at blank lines, JSON.parse the data of each, and print how many events there were.
// No checks, no schemas: the least any validator of the stream must do.
import { createReadStream } from 'node:fs';

let pending = '';
let events = 0;

function parseMessage(text) {
  const data = [];
  for (const line of text.split('\n')) if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
  if (data.length === 0) return;
  const payload = data.join('\n');
  if (payload === '[DONE]') return;
  JSON.parse(payload);
  events++;
}

const input = createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 64 * 1024 });
for await (const chunk of input) {
  pending += chunk;
  let start = 0;
  for (let end; (end = pending.indexOf('\n\n', start)) !== -1; start = end + 2) parseMessage(pending.slice(start, end));
  pending = pending.slice(start);
}
parseMessage(pending);
console.log(events);

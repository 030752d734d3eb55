import type { ScenarioRecord } from '../record.js';
import { compactionRecords } from './compaction.js';
import { coreRecords } from './core.js';
import { errorRecords } from './errors.js';
import { inputRecords } from './input.js';
import { outputRecords } from './output.js';
import { reasoningRecords } from './reasoning.js';
import { referenceOnlyRecords } from './reference.js';
import { stateRecords } from './state.js';
import { websocketRecords } from './websocket.js';

/** The built-in scenarios sent to a target, in run order (error paths run last whatever their place). */
export const builtInRecords: readonly ScenarioRecord[] = [
  ...coreRecords,
  ...inputRecords,
  ...stateRecords,
  ...outputRecords,
  ...reasoningRecords,
  ...compactionRecords,
  ...websocketRecords,
  ...errorRecords,
];

/** Every record, the reference-only ones too: what the reference server's fault tests send. */
export const allRecords: readonly ScenarioRecord[] = [...builtInRecords, ...referenceOnlyRecords];

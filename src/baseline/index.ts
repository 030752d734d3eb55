/** Baselines: a run's known failures, written once and then expected instead of failing the run. */
export { applyBaseline, judgeScenario, type BaselineSettings } from './judge.js';
export { failuresOf, parseBaseline, BASELINE_VERSION, type Baseline, type WrittenEntry } from './entries.js';
export { serializeBaseline } from './format.js';
export { baselineFormat, readBaseline, writeBaseline } from './file.js';

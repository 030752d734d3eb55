import { annotationConsistency } from './annotation-consistency.js';
import { bufferedStream } from './buffered-stream.js';
import { contentPartOrder } from './content-part-order.js';
import { doneSentinel } from './done-sentinel.js';
import { errorThenFailed } from './error-then-failed.js';
import { extensionItemFields } from './extension-item-fields.js';
import { finalOutputItems } from './final-output-items.js';
import { functionCallArguments } from './function-call-arguments.js';
import { functionCallArgumentsJson } from './function-call-arguments-json.js';
import { functionCallArgumentsOrder } from './function-call-arguments-order.js';
import { incompleteItemLast } from './incomplete-item-last.js';
import { itemOrder } from './item-order.js';
import { itemStatus } from './item-status.js';
import { obfuscationOptOut } from './obfuscation-opt-out.js';
import { outputIndex } from './output-index.js';
import { reasoningSummaryOrder } from './reasoning-summary-order.js';
import { responseIdStable } from './response-id-stable.js';
import { responseLifecycle } from './response-lifecycle.js';
import { sequenceNumberContiguous } from './sequence-number-contiguous.js';
import { sequenceNumberIncreasing } from './sequence-number-increasing.js';
import { singleTerminalEvent } from './single-terminal-event.js';
import { snapshotFields } from './snapshot-fields.js';
import { snapshotStatus } from './snapshot-status.js';
import { sseDataJson } from './sse-data-json.js';
import { sseEventField } from './sse-event-field.js';
import { sseIdField } from './sse-id-field.js';
import { sseMessageTerminated } from './sse-message-terminated.js';
import { textConsistency } from './text-consistency.js';
import type { StreamCheck } from '../types.js';

/**
 * The SSE framing rules: the `data:` of each message, `event:` and `id:` lines, `[DONE]`, a
 * message cut off. They apply to an SSE body only; a WebSocket message has no such framing (HTTP-15).
 */
export const sseFramingChecks: readonly StreamCheck<unknown>[] = [sseDataJson, sseEventField, sseIdField, doneSentinel, sseMessageTerminated];

/**
 * The streaming conformance engine: every rule about the event grammar and its consistency, each
 * an independent incremental check, the same over SSE and WebSocket. Event schemas
 * (`stream/event-schema`), the framing of each transport and a stream without any terminal event
 * are checked elsewhere.
 */
// Each check keeps its own state type; the list holds them as `unknown`.
export const streamEngineChecks: readonly StreamCheck<unknown>[] = [
  // Sequence numbers
  sequenceNumberIncreasing,
  sequenceNumberContiguous,
  // Response lifecycle
  responseLifecycle,
  singleTerminalEvent,
  errorThenFailed,
  snapshotStatus,
  snapshotFields,
  responseIdStable,
  // Items
  itemOrder,
  outputIndex,
  itemStatus,
  incompleteItemLast,
  extensionItemFields,
  // Content parts
  contentPartOrder,
  reasoningSummaryOrder,
  functionCallArgumentsOrder,
  // Consistency
  textConsistency,
  functionCallArguments,
  functionCallArgumentsJson,
  annotationConsistency,
  finalOutputItems,
  obfuscationOptOut,
  // Pace
  bufferedStream,
];

/** The engine as an SSE body runs it: the framing rules, then the event grammar. */
export const sseStreamEngineChecks: readonly StreamCheck<unknown>[] = [...sseFramingChecks, ...streamEngineChecks];

import { truncate } from '../spec/values.js';
import { EVENT_ROLE_KINDS, type EventRoleKind } from '../protocol/events.js';
import { jsonStreamEvent } from './stream/stream-event.js';
import type {
  CheckContext,
  Finding,
  HttpObservation,
  StreamMessage,
  StreamCheck,
  StreamEnd,
  StreamEvent,
} from './types.js';

/** Findings kept per check; the rest are only counted, so an endless bad stream stays bounded. */
export const MAX_FINDINGS_PER_CHECK = 50;
const EXCERPT_CHARS = 240;

/** Findings gathered for one check, bounded. */
export class FindingList {
  readonly items: Finding[] = [];
  dropped = 0;
  /**
   * Set when the check itself threw: a bug in the tool, not in the server. The check is stopped
   * and reported as not judged, so the server is never blamed for it.
   */
  internalError: string | undefined;
  /** Set when the check could not judge this observation (a stream too short to tell): why. */
  notJudged: string | undefined;

  add(findings: readonly Finding[]): void {
    for (const finding of findings) this.addOne(finding);
  }

  addOne(finding: Finding): void {
    if (this.items.length < MAX_FINDINGS_PER_CHECK) this.items.push(finding);
    else this.dropped++;
  }
}

/** The data of an SSE message interpreted: `[DONE]`, a JSON value, or neither. */
export function interpretFrame(frame: StreamMessage): StreamEvent {
  if (frame.data === '[DONE]') return { frame, kind: 'done' };
  try {
    return jsonStreamEvent(frame, JSON.parse(frame.data));
  } catch (err) {
    return { frame, kind: 'invalid', error: (err as Error).message };
  }
}

/** Runs `step` for one check into `list`; an exception stops that check alone. */
export function guarded(list: FindingList, step: () => readonly Finding[]): void {
  if (list.internalError !== undefined) return;
  try {
    list.add(step());
  } catch (err) {
    list.internalError = errorMessage(err);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs checks that see one whole observation (status line and headers, or a body). */
export function runChecks<Observation>(
  checks: readonly { id: string; check(obs: Observation, ctx: CheckContext): Finding[] }[],
  obs: Observation,
  ctx: CheckContext,
): Map<string, FindingList> {
  const results = new Map<string, FindingList>();
  for (const check of checks) {
    const list = new FindingList();
    guarded(list, () => check.check(obs, ctx));
    results.set(check.id, list);
  }
  return results;
}

interface CheckEntry {
  check: StreamCheck<unknown>;
  state: unknown;
  findings: FindingList;
}

/**
 * Runs stream checks over one stream as it arrives: each frame is interpreted once and handed to
 * every check that reads it (a check's `reads` names the core events it reads; the rest see every
 * message); only the checks' own state and their (bounded) findings are kept.
 */
export class StreamCheckSession {
  private readonly entries: CheckEntry[];
  /** The checks each core event role goes to, in the order of `checks`. */
  private readonly byRole = new Map<EventRoleKind, CheckEntry[]>();
  /** The checks that read every message (extension and unknown types, `[DONE]`, non-JSON data). */
  private readonly readingAll: CheckEntry[];

  constructor(
    checks: readonly StreamCheck<unknown>[],
    http: HttpObservation,
    private readonly ctx: CheckContext,
    /** Sees every interpreted event too, e.g. to keep the final response. */
    private readonly observe?: (event: StreamEvent) => void,
  ) {
    this.entries = checks.map((check) => {
      const findings = new FindingList();
      let state: unknown;
      guarded(findings, () => {
        state = check.init(http, ctx);
        return [];
      });
      return { check, state, findings };
    });
    this.readingAll = this.entries.filter((entry) => entry.check.reads === undefined);
    for (const kind of EVENT_ROLE_KINDS) this.byRole.set(kind, this.entries.filter((entry) => entry.check.reads?.includes(kind) ?? true));
  }

  push(frame: StreamMessage): void {
    this.pushEvent(interpretFrame(frame));
  }

  /** An event already interpreted (a WebSocket message, read once to find the response it belongs to). */
  pushEvent(event: StreamEvent): void {
    const frame = event.frame;
    this.observe?.(event);
    const role = event.kind === 'json' ? event.typed?.role : undefined;
    const entries = role === undefined ? this.readingAll : (this.byRole.get(role.kind) ?? this.entries);
    // The hot path: written out instead of through guarded(), to allocate nothing per check and event.
    for (const entry of entries) {
      if (entry.findings.internalError !== undefined) continue;
      try {
        const found = entry.check.onEvent(entry.state, event, this.ctx);
        for (let i = 0; i < found.length; i++) entry.findings.addOne(withExcerpt(found[i], frame));
      } catch (err) {
        entry.findings.internalError = errorMessage(err);
      }
    }
  }

  end(end: StreamEnd): Map<string, FindingList> {
    const results = new Map<string, FindingList>();
    for (const entry of this.entries) {
      guarded(entry.findings, () => entry.check.onEnd(entry.state, end, this.ctx));
      guarded(entry.findings, () => {
        entry.findings.notJudged = entry.check.notJudged?.(entry.state, end, this.ctx);
        return [];
      });
      results.set(entry.check.id, entry.findings);
    }
    return results;
  }
}

function withExcerpt(finding: Finding, frame: StreamMessage): Finding {
  if (finding.excerpt !== undefined || finding.location?.eventIndex !== frame.index) return finding;
  return { ...finding, excerpt: truncate(frame.data, EXCERPT_CHARS) };
}

import { TERMINAL_EVENT_TYPES } from '../../protocol/events.js';
import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import { eventLocation } from '../stream/location.js';
import type { ConnectionCheck, Finding, StreamEvent } from '../types.js';

/**
 * SPEC§WebSocket Transport: "Servers MUST treat a WebSocket `response.create` message as a request
 * to create a response on the active connection" (HTTP-22): each one is answered, with the events
 * of a new response or with an error envelope, before the connection closes.
 */
export const websocketAnswer: ConnectionCheck = {
  kind: 'connection',
  id: 'websocket/answer',
  requirement: 'HTTP-22',
  severity: 'MUST',
  section: 'WebSocket Transport',
  title: 'Each response.create is answered with the events of a new response or an error envelope',
};

/**
 * SPEC§WebSocket Transport: "A single WebSocket connection MUST process at most one in-flight
 * response at a time … Servers MUST NOT multiplex multiple in-flight responses over one
 * connection" (HTTP-17): no event of a second response arrives while one is in flight, and none
 * of a response after its terminal event.
 */
export const websocketNoInterleaving: ConnectionCheck = {
  kind: 'connection',
  id: 'websocket/no-interleaving',
  requirement: 'HTTP-17',
  severity: 'MUST NOT',
  section: 'WebSocket Transport',
  title: 'A connection carries one response at a time, and nothing of a response after its terminal event',
};

/** Where a message goes: into a turn's events, as a turn's error envelope, or nowhere (a finding of its own). */
export type Route =
  | { kind: 'event'; turn: number; ends: boolean }
  | { kind: 'envelope'; turn: number; envelope: Record<string, unknown>; midResponse: boolean }
  | { kind: 'stray'; turn: number | undefined; finding: Finding };

interface Turn {
  started: boolean;
  ended: boolean;
  responseId?: string;
}

/**
 * Attributes each server message of one connection to the `response.create` it answers, in the
 * order they were sent: the turn in flight gets the events until its terminal event; an error
 * envelope answers the turn that has not started (a refusal of a queued create may arrive while
 * an earlier response is still streaming). What belongs to no turn, or to another response while
 * one is in flight, is a finding of `websocket/no-interleaving`.
 */
export class ConnectionRouter {
  private readonly turns: Turn[] = [];
  /** Responses whose terminal event was seen, by id, to name a late event of one of them. */
  private readonly ended = new Map<string, number>();

  /** A `response.create` went out; returns its turn number. */
  sent(): number {
    this.turns.push({ started: false, ended: false });
    return this.turns.length - 1;
  }

  route(event: StreamEvent): Route {
    const typed = event.kind === 'json' ? event.typed : undefined;
    const response = typed !== undefined && isRecord(typed.body.response) ? typed.body.response : undefined;
    const responseId = typeof response?.id === 'string' ? response.id : undefined;
    const endedTurn = responseId === undefined ? undefined : this.ended.get(responseId);
    if (endedTurn !== undefined) {
      return this.stray(endedTurn, `A ${typed?.type} event of response ${JSON.stringify(responseId)} arrived after that response's terminal event.`, 'nothing more of a response after its terminal event', event);
    }
    const current = this.turns.findIndex((turn) => !turn.ended);
    if (current < 0) {
      const last = this.turns.length - 1;
      return this.stray(last < 0 ? undefined : last, 'A message arrived while no response.create was waiting for an answer (after the last terminal event).', 'no message between a terminal event and the next response.create', event);
    }
    const turn = this.turns[current];
    const body = typed?.body;
    if (typed?.type === 'error' && body !== undefined && (!turn.started || ('status' in body && !('sequence_number' in body)))) {
      const queued = this.turns.findIndex((t, i) => i > current && !t.started && !t.ended);
      const answered = turn.started && queued >= 0 ? queued : current;
      this.turns[answered].ended = true;
      return { kind: 'envelope', turn: answered, envelope: body, midResponse: answered === current && turn.started };
    }
    if (responseId !== undefined && turn.responseId !== undefined && responseId !== turn.responseId) {
      return this.stray(current, `An event of response ${JSON.stringify(responseId)} arrived while response ${JSON.stringify(turn.responseId)} was still in flight: two responses are interleaved on one connection.`, `events of response ${JSON.stringify(turn.responseId)} only, until its terminal event`, event);
    }
    // Only an event starts a response: a stray [DONE] or garbage before it leaves an envelope the answer.
    if (typed !== undefined) turn.started = true;
    turn.responseId ??= responseId;
    const ends = typed !== undefined && TERMINAL_EVENT_TYPES.has(typed.type);
    if (ends) {
      turn.ended = true;
      if (turn.responseId !== undefined) this.ended.set(turn.responseId, current);
    }
    return { kind: 'event', turn: current, ends };
  }

  /** Gives up on every turn from `from` on (the connection ended, or a probe got no answer): later messages answer later turns. */
  abandon(from: number): void {
    for (let i = from; i < this.turns.length; i++) this.turns[i].ended = true;
  }

  private stray(turn: number | undefined, message: string, expected: string, event: StreamEvent): Route {
    const actual = event.kind === 'json' ? (event.typed?.type ?? 'an untyped message') : event.kind === 'done' ? '[DONE]' : 'a message that is not JSON';
    return { kind: 'stray', turn, finding: finding(websocketNoInterleaving, 'fail', message, { expected, actual, location: eventLocation(event) }) };
  }
}

/** The finding for a `response.create` the server never answered. */
export function unansweredFinding(why: string): Finding {
  return finding(websocketAnswer, 'fail', `The response.create got no answer: ${why}.`, {
    expected: 'the events of a new response, or an error envelope',
    actual: 'nothing',
  });
}

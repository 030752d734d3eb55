import type { CheckSet } from '../checks/registry.js';
import { FindingList, StreamCheckSession, interpretFrame } from '../checks/session.js';
import { transportBodyTooLarge, transportTimeout, transportTooManyEvents } from '../checks/transport/problems.js';
import type { Finding, SentRequest, StreamEnd, StreamEvent, StreamMessage } from '../checks/types.js';
import { ConnectionRouter, unansweredFinding, websocketAnswer, websocketNoInterleaving } from '../checks/websocket/connection.js';
import { isRecord } from '../protocol/json.js';
import { openSocket, websocketUrl, type SocketConnection } from '../http/websocket.js';
import type { ExchangeEnv, ExchangeOutcome } from './exchange.js';
import { addFinding, addTransportFinding, errorFields, mergeFindings, parseJson, runResponseChecks, serverWords, terminalSnapshot, Timeline, type Outcomes } from './observe.js';
import { StreamMeasurer } from './stream-measurer.js';
import type { StepTranscript } from './transcript.js';

/**
 * The WebSocket side of a scenario: one connection at a time, each `response.create` a turn whose
 * messages are routed to it (the connection router decides which turn a message belongs to) and
 * judged as they arrive, by a check session of its own. A turn's outcomes look like an HTTP
 * exchange's, so the runner reports both alike.
 */

/** How long a probe (a message the server need not answer) waits for an error envelope. */
export const PROBE_WAIT_MS = 2_000;

/** Why the scenario's WebSocket steps cannot run: the upgrade was refused or nothing answered. */
export type SocketRefusal =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'refused'; status: number; serverMessage?: string }
  /** The connection was closed instead of an answer to the upgrade, as a plain HTTP server without WebSocket support does. */
  | { kind: 'dropped'; detail: string }
  | { kind: 'broken'; outcomes: Outcomes };

interface Turn {
  request: SentRequest;
  checks: CheckSet;
  probe: boolean;
  sentAt: number;
  transcript: StepTranscript | undefined;
  session: StreamCheckSession | undefined;
  messages: number;
  outcomes: Outcomes;
  /** Findings of the connection's rules charged to this turn. */
  connection: Map<string, FindingList>;
  finalResponse?: Record<string, unknown>;
  envelope?: Record<string, unknown>;
  timeline: Timeline;
  /** How the turn's messages arrived, counted from its response.create. */
  measurer: StreamMeasurer;
  done: boolean;
}

export class ScenarioSocket {
  private connection: SocketConnection | undefined;
  private router = new ConnectionRouter();
  private readonly turns = new Map<number, Turn>();
  /** The client messages sent on the current connection, for reproducing a step. */
  private sentMessages: string[] = [];
  /** The last sequence_number of a finished response on this connection, which the next may continue from. */
  private lastSequenceNumber: number | undefined;
  /** Bytes of server messages on the current connection, for locating a message. */
  private bytes = 0;
  private index = 0;

  constructor(private readonly env: ExchangeEnv) {}

  get url(): string {
    return websocketUrl(this.env.target.baseUrl);
  }

  /** Whether a connection is open for the next step. */
  get connected(): boolean {
    return this.connection !== undefined;
  }

  /** Opens a connection (closing the previous one); undefined when it is open. */
  async open(): Promise<SocketRefusal | undefined> {
    this.close();
    const opening = await openSocket(this.env.target, { maxPayloadBytes: this.env.limits.maxBodyBytes, timeoutMs: this.env.target.timeoutMs });
    if (opening.kind === 'open') {
      this.connection = opening.socket;
      this.router = new ConnectionRouter();
      this.bytes = 0;
      this.index = 0;
      this.sentMessages = [];
      this.lastSequenceNumber = undefined;
      return undefined;
    }
    if (opening.kind === 'refused') {
      const serverMessage = serverWords({ text: opening.body, json: parseJson(opening.body) });
      return { kind: 'refused', status: opening.status, ...(serverMessage !== undefined ? { serverMessage } : {}) };
    }
    if (opening.kind === 'unreachable') return { kind: 'unreachable', detail: opening.detail };
    if (opening.kind === 'reset') return { kind: 'dropped', detail: opening.detail };
    const outcomes: Outcomes = new Map();
    addTransportFinding(outcomes, opening, this.env.target.timeoutMs, true);
    return { kind: 'broken', outcomes };
  }

  /** Sends one message (the request's body as JSON, or its raw text); returns the turn to await. */
  send(request: SentRequest, checks: CheckSet, options: { probe: boolean; transcript: StepTranscript | undefined }): number {
    if (this.connection === undefined) throw new Error('no WebSocket connection is open');
    const text = request.rawBody ?? JSON.stringify(request.body);
    const turn = this.router.sent();
    const connection = new Map((checks.connection ?? []).map((check) => [check.id, new FindingList()]));
    this.turns.set(turn, {
      request,
      checks,
      probe: options.probe,
      sentAt: performance.now(),
      transcript: options.transcript,
      session: undefined,
      messages: 0,
      outcomes: new Map(),
      connection,
      timeline: new Timeline(),
      measurer: new StreamMeasurer(),
      done: false,
    });
    options.transcript?.request(request, this.url, this.env.target.headers);
    options.transcript?.answer(101, {});
    void options.transcript?.message('sent', text);
    this.connection.send(text);
    this.sentMessages.push(text);
    return turn;
  }

  /** Reads the connection until `turn` is answered (routing other turns' messages on the way); its outcomes. */
  async answer(turnNumber: number): Promise<ExchangeOutcome> {
    const turn = this.turns.get(turnNumber)!;
    const wait = turn.probe ? Math.min(PROBE_WAIT_MS, this.env.target.timeoutMs) : this.env.target.timeoutMs;
    while (!turn.done) {
      const reading = this.connection === undefined ? ({ kind: 'closed', code: 0, reason: '' } as const) : await this.connection.next(turn.sentAt + wait);
      if (reading.kind === 'message') {
        this.receive(turnNumber, reading.data, reading.receivedAt);
        continue;
      }
      if (reading.kind === 'timeout') {
        this.stop(turnNumber, turn.probe ? undefined : 'timeout');
        break;
      }
      if (reading.kind === 'too-large') {
        // A limit of the tool, not a rule the server broke: the turn is cut off there.
        addFinding(turn.outcomes, transportBodyTooLarge, `One WebSocket message grew past --max-body-bytes (${this.env.limits.maxBodyBytes} bytes); the connection was closed there.`, `at most ${this.env.limits.maxBodyBytes} bytes per message`, 'a larger message');
        this.connection = undefined;
        this.stop(turnNumber, 'cap');
        break;
      }
      const why = reading.kind === 'closed' ? `the server closed the connection (code ${reading.code}${reading.reason ? `, ${JSON.stringify(reading.reason)}` : ''})` : `the connection failed (${reading.detail})`;
      this.connection = undefined;
      this.stop(turnNumber, turn.probe ? undefined : why);
      break;
    }
    await turn.transcript?.finish();
    return this.outcomeOf(turn);
  }

  /** The client messages sent on the current connection so far. */
  messages(): string[] {
    return [...this.sentMessages];
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  private receive(awaited: number, data: string, receivedAt: number): void {
    this.bytes += Buffer.byteLength(data);
    const frame: StreamMessage = { index: this.index++, data, byteOffset: this.bytes, receivedAtMs: 0 };
    const event = interpretFrame(frame);
    const route = this.router.route(event);
    const owner = this.turns.get(route.turn ?? awaited);
    // A message's time counts from its own turn's response.create, known once it is routed (pipelined turns overlap).
    // The clock may name a moment before the turn was sent (the loop was blocked meanwhile): it came no earlier.
    frame.receivedAtMs = Math.max(0, Math.round(receivedAt - (owner ?? this.turns.get(awaited)!).sentAt));
    void owner?.transcript?.message('received', data);
    if (route.kind === 'stray') {
      // Charged to the turn being awaited: an earlier turn's results are already reported.
      this.turns.get(awaited)?.connection.get(websocketNoInterleaving.id)?.add([route.finding]);
      return;
    }
    const turn = this.turns.get(route.turn)!;
    if (route.kind === 'envelope') {
      turn.envelope = route.envelope;
      this.judgeEnvelope(turn, event);
      // Mid-response the stream is judged as ended; before it, what came was no response at all.
      if (turn.session) mergeFindings(turn.outcomes, turn.session.end(this.streamEnd(turn, route.midResponse ? 'eof' : 'reset')));
      turn.done = true;
      return;
    }
    this.feed(turn, event);
    if (route.ends && event.kind === 'json') this.lastSequenceNumber = event.typed?.sequenceNumber;
    if (route.ends && !turn.done) {
      mergeFindings(turn.outcomes, turn.session!.end(this.streamEnd(turn, 'eof')));
      turn.done = true;
    }
  }

  private feed(turn: Turn, event: StreamEvent): void {
    if (turn.done) return;
    const continuesFrom = this.lastSequenceNumber === undefined ? {} : { continuesFrom: this.lastSequenceNumber };
    turn.session ??= new StreamCheckSession(turn.checks.stream, { request: turn.request, status: 101, headers: {}, ...continuesFrom }, this.env.ctx, (seen) => {
      turn.timeline.add(seen);
      turn.measurer.add(seen);
      turn.finalResponse ??= terminalSnapshot(seen);
    });
    turn.messages++;
    if (turn.messages > this.env.limits.maxEvents) {
      addFinding(turn.outcomes, transportTooManyEvents, `The response sent ${turn.messages} messages without ending; it was cut off at --max-events.`, `at most ${this.env.limits.maxEvents} messages`, `${turn.messages} and counting`);
      mergeFindings(turn.outcomes, turn.session.end(this.streamEnd(turn, 'cap')));
      turn.done = true;
      return;
    }
    turn.session.pushEvent(event);
  }

  private judgeEnvelope(turn: Turn, event: StreamEvent): void {
    for (const check of turn.checks.envelope ?? []) {
      const list = new FindingList();
      list.add(check.check({ request: turn.request, envelope: turn.envelope!, location: { eventIndex: event.frame.index, byteOffset: event.frame.byteOffset } }, this.env.ctx));
      turn.outcomes.set(check.id, { findings: list });
    }
  }

  /** Ends every unanswered turn from `from` on: a probe quietly, the others with why (a close, a timeout). */
  private stop(from: number, why: string | undefined): void {
    for (const [number, turn] of this.turns) {
      if (number < from || turn.done) continue;
      turn.done = true;
      // A cut at the cap is reported once, as the transport finding of the turn being read.
      if (why === 'timeout') {
        addFinding(turn.outcomes, transportTimeout, `The response.create was not answered in full within --timeout (${this.env.target.timeoutMs} ms).`, `a terminal event or an error envelope within ${this.env.target.timeoutMs} ms`, turn.session ? 'still streaming at the deadline' : 'no message at all');
      } else if (why !== undefined && why !== 'cap') {
        turn.connection.get(websocketAnswer.id)?.add([turn.session ? closedMidResponse(why) : unansweredFinding(why)]);
      }
      if (turn.session) mergeFindings(turn.outcomes, turn.session.end(this.streamEnd(turn, why === 'timeout' || why === 'cap' ? why : 'reset')));
    }
    this.router.abandon(from);
  }

  private streamEnd(turn: Turn, reason: StreamEnd['reason']): StreamEnd {
    return { reason, frames: turn.messages, unterminatedMessage: false };
  }

  private outcomeOf(turn: Turn): ExchangeOutcome {
    const outcomes = turn.outcomes;
    for (const [id, list] of turn.connection) outcomes.set(id, { findings: list });
    if (turn.finalResponse !== undefined) {
      runResponseChecks(turn.request, turn.finalResponse, turn.checks, this.env.ctx, outcomes, 'stream');
    } else if (turn.envelope !== undefined) {
      const error = isRecord(turn.envelope.error) ? turn.envelope.error : undefined;
      for (const check of turn.checks.response) {
        if (check.judgeErrorAnswer === undefined) continue;
        const list = new FindingList();
        list.add(check.judgeErrorAnswer(error, this.env.ctx));
        outcomes.set(check.id, { findings: list });
      }
    }
    return {
      outcomes,
      ...(turn.finalResponse ? { finalResponse: turn.finalResponse } : {}),
      ...(turn.session ? { timeline: turn.timeline, streaming: turn.measurer.measures() } : {}),
      ...(turn.envelope ? { errorAnswer: true, ...envelopeFields(turn.envelope) } : {}),
    };
  }
}

function closedMidResponse(why: string): Finding {
  return { ...unansweredFinding(why), message: `The response never reached its terminal event: ${why}.`, expected: 'the events of the response up to its terminal event', actual: 'the response cut off' };
}

/** The classifying fields of an error envelope, as an HTTP error answer's are kept. */
function envelopeFields(envelope: Record<string, unknown>): Pick<ExchangeOutcome, 'serverError' | 'errorStatus'> {
  const serverError = errorFields(envelope);
  return { ...(serverError ? { serverError } : {}), ...(typeof envelope.status === 'number' ? { errorStatus: envelope.status } : {}) };
}

import type { RunEvent } from '../runner/events.js';
import { sanitizeForTerminal } from './sanitize.js';
import { counted } from './plural.js';

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  /** Milliseconds between redraws of the elapsed time while a scenario is in flight. */
  redrawMs?: number;
  /** The clock, injectable for tests. */
  now?: () => number;
}

/** What the terminal shows while a run is going: a header, then one live line. */
export interface ProgressDisplay {
  onEvent(event: RunEvent): void;
  /** Removes the live line, so other output starts on a clean line; it comes back on the next event. */
  clear(): void;
}

/**
 * On a terminal: a header first (target, model, spec version, scenario count), then one line
 * rewritten in place, `[5/19] text-input-stream · 12.4 s`, redrawn every second, so a server that
 * hangs until --timeout never leaves the screen silent. Not used when the output is not a TTY.
 */
export function createProgressDisplay(options: ProgressOptions): ProgressDisplay {
  const now = options.now ?? Date.now;
  const inFlight: string[] = [];
  let total = 0;
  let done = 0;
  let started = now();
  let shown = false;
  let timer: NodeJS.Timeout | undefined;

  const clear = () => {
    if (!shown) return;
    options.stream.write('\r\u001b[2K');
    shown = false;
  };
  const draw = () => {
    clear();
    const current = inFlight.length === 0 ? '' : ` · ${sanitizeForTerminal(inFlight[0])}${inFlight.length > 1 ? ` (+${inFlight.length - 1})` : ''}`;
    options.stream.write(`[${done}/${total}]${current} · ${((now() - started) / 1000).toFixed(1)} s`);
    shown = true;
  };
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    clear();
  };

  return {
    clear,
    onEvent(event) {
      switch (event.type) {
        case 'run-started':
          started = now();
          total = event.scenarios.length;
          options.stream.write(
            `${sanitizeForTerminal(event.tool.name)} ${event.tool.version} · ${sanitizeForTerminal(event.target.baseUrl)} · model ${sanitizeForTerminal(event.target.model)} · spec ${event.specVersion} · ${counted(total, 'scenario')}\n`,
          );
          timer = setInterval(draw, options.redrawMs ?? 1000);
          timer.unref();
          draw();
          return;
        case 'scenario-started':
          inFlight.push(event.scenario.id);
          draw();
          return;
        case 'scenario-finished': {
          const at = inFlight.indexOf(event.result.id);
          if (at >= 0) inFlight.splice(at, 1);
          done++;
          draw();
          return;
        }
        case 'run-finished':
          stop();
          return;
        default:
          return;
      }
    },
  };
}

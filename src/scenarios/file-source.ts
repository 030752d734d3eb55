import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** A place in a scenario file: the keys and indexes from the top down to a value. */
export type FilePath = readonly (string | number)[];

/** One thing wrong with a scenario file, and where. */
export interface FileProblem {
  at: FilePath;
  message: string;
}

/** A scenario file's text read as data, able to say on which line a value stands. */
export interface SourceFile {
  value: unknown;
  /** The line (from 1) of the value at `at`, or of the nearest place above it that the file has. */
  lineOf(at: FilePath): number | undefined;
}

/**
 * Reads YAML, or JSON (which YAML reads too), keeping the nodes' places so that a problem found
 * later can name its line. A syntax error is the file's first error, with its line.
 */
export function parseSource(text: string): SourceFile | { syntaxError: string; line?: number } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const [error] = document.errors;
  if (error !== undefined) {
    // The line goes in front of the message, so the message loses its own "at line N, column M".
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { syntaxError: `not valid YAML or JSON (${message})`, line: error.linePos?.[0].line };
  }
  let value: unknown;
  try {
    // An alias expanded too often (a "billion laughs" file) throws here rather than eating memory.
    value = document.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { syntaxError: `not usable as data (${(err as Error).message.split('\n')[0]})` };
  }
  return {
    value,
    lineOf: (at) => {
      const offset = offsetOf(document.contents, at);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Where the value at `at` starts: a mapping's key for a field, the item for an array element. */
function offsetOf(root: unknown, at: FilePath): number | undefined {
  let node: unknown = root;
  let offset = startOf(node);
  for (const segment of at) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = startOf(node) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/**
 * Whether to colour the output: `NO_COLOR` (any non-empty value) switches colour off,
 * `FORCE_COLOR` (any value but `0` or `false`) switches it on where no terminal is (a CI log that
 * renders ANSI); otherwise colour follows whether stdout is a terminal.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}

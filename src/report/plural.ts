/** `1 scenario`, `3 scenarios`: a count and its noun, plural unless the count is one. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

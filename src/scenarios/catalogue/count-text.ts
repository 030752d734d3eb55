/**
 * A count as the titles write it, `10,485,761`: what `toLocaleString('en-US')` gives, without it.
 * The catalogue is built when it is imported, and a first toLocaleString loads ICU's number
 * formats, about 30 ms of every start-up that lists or runs scenarios.
 */
export function countText(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

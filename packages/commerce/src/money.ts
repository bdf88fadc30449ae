/**
 * Rounds an amount to cents the way Python's `round(x, 2)` does (nearest, ties to even, on the exact binary
 * value), so balances and refunds match the benchmark the demo store comes from to the cent.
 *
 * `toFixed` already rounds the exact value of the double; it differs from Python only on exact ties (x.xx5
 * held exactly, i.e. eighths such as 0.125), where it rounds away from zero and Python rounds to even.
 */
export function roundCents(x: number): number {
  if (!Number.isFinite(x)) throw new Error('amount must be a finite number');
  const exactTie = Number.isInteger(x * 8) && !Number.isInteger(x * 4);
  if (!exactTie) return normaliseZero(Number(x.toFixed(2)));
  // x * 100 is exact here (an odd number of eighths times 100 is a multiple of 12.5).
  const cents = x * 100;
  const low = Math.floor(cents);
  const even = low % 2 === 0 ? low : low + 1;
  return normaliseZero(even / 100);
}

function normaliseZero(x: number): number {
  return Object.is(x, -0) ? 0 : x;
}

// LexoRank-like rank strings ("0|i0000g"): string order is rank order, and a moved issue gets a
// string between its new neighbours, so other issues keep theirs (as in Jira).

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const PREFIX = '0|';

/** A string strictly between a and b ('' = lowest, null = highest); no trailing '0'. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a.length > 0 ? DIGITS.indexOf(a.charAt(0)) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b.charAt(0)) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS.charAt(Math.round((digitA + digitB) / 2));
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS.charAt(digitA) + midpoint(a.slice(1), null);
}

/** Rank between two ranks (undefined = open end). */
export function rankBetween(before: string | undefined, after: string | undefined): string {
  const a = before === undefined ? '' : before.slice(PREFIX.length);
  const b = after === undefined ? null : after.slice(PREFIX.length);
  return PREFIX + midpoint(a, b);
}

const APPEND_WIDTH = 6;
const APPEND_FIRST = 'i00000';

/**
 * A short rank after `last` (undefined: the first): the first six digits counted up by one, so
 * appending 10k issues keeps ranks of seven characters instead of growing one every five.
 */
export function rankAfter(last: string | undefined): string {
  if (last === undefined) return PREFIX + APPEND_FIRST;
  const head = last.slice(PREFIX.length, PREFIX.length + APPEND_WIDTH).padEnd(APPEND_WIDTH, '0');
  const next = (parseInt(head, 36) + 1).toString(36);
  return next.length > APPEND_WIDTH ? rankBetween(last, undefined) : PREFIX + next.padStart(APPEND_WIDTH, '0');
}

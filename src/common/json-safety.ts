const MAX_DEPTH = 64;
// a lone surrogate, or NUL: PostgreSQL text and jsonb refuse both
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a parsed JSON body cannot be stored as it is (too deep, or text PostgreSQL refuses), or null. */
export function unstorableJson(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return 'a string holds a NUL character or an unpaired surrogate';
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return `the body is nested deeper than ${MAX_DEPTH} levels`;
      for (const [k, child] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return 'a key holds a NUL character or an unpaired surrogate';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

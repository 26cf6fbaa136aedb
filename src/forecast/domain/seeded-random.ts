/**
 * xorshift32 (Marsaglia): a tiny seeded generator, so that the same history gives the same
 * forecast on every call and every instance. Uniform in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9; // xorshift never leaves 0
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** Up to `width` claims at once (rows of different keys); how many found work. */
export async function claimInParallel(width: number, claim: () => Promise<boolean>): Promise<number> {
  const done = await Promise.all(Array.from({ length: width }, claim));
  return done.filter(Boolean).length;
}

/**
 * Fuzz runs are seeded, so a failure replays exactly: fast-check's failure message carries the
 * seed and the shrunk path. FUZZ_SEED runs another sequence (e.g. a nightly random one).
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261201;

export function fuzzRuns(numRuns: number): { seed: number; numRuns: number } {
  return { seed: FUZZ_SEED, numRuns };
}

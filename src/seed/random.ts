/**
 * mulberry32: a 32-bit PRNG small enough to read. The same seed always yields the same sequence,
 * so the hand-written reference rows (agents, teams, inboxes …) come out identical on every run.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The bulk rows are drawn inside PostgreSQL, where a JS generator cannot reach without shipping
 * millions of values over the wire. `hashint8extended(key, seed)` is a pure function of its
 * arguments (the same one hash partitioning relies on staying stable), so a row's draw depends
 * only on its key and the account's seed: not on ids, row order, parallelism or the clock.
 * `salt` separates independent draws made from the same key.
 */
export interface SqlRandom {
  /** SQL expression: a number in [0, 1). */
  unit(key: string, salt: number): string;
  /** SQL expression: an integer in [0, n). */
  pick(key: string, salt: number, n: string | number): string;
  /** SQL expression: a text of `count` decimal digits (ids, phone numbers, documents). */
  digits(key: string, salt: number, count: string | number): string;
}

export function sqlRandom(seed: number): SqlRandom {
  const hash = (key: string, salt: number) => `hashint8extended((${key})::bigint, ${seed * 1000 + salt})`;
  const unit = (key: string, salt: number) => `((${hash(key, salt)} & 2147483647)::float8 / 2147483648)`;
  return {
    unit,
    pick: (key, salt, n) => `floor(${unit(key, salt)} * (${n}))::int`,
    digits: (key, salt, count) =>
      `lpad(((${hash(key, salt)} & 9223372036854775807) % power(10::numeric, ${count})::bigint)::text, (${count})::int, '0')`,
  };
}

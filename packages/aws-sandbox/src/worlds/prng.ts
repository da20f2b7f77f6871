/** A small seeded PRNG (mulberry32) with the helpers the world generators need. */

export interface TRng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase hexadecimal characters. */
  hex(length: number): string;
  /** `length` characters of [A-Z0-9] (IAM unique ids, access key ids). */
  upper(length: number): string;
}

const HEX = "0123456789abcdef";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function createRng(seed: number): TRng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // 32 random bits per draw: 8 hex characters, or 6 characters of a 32-letter alphabet.
  // (Kept in int32 arithmetic: Number#toString(16) on values above 2^31 takes a slow path.)
  const fromBits = (alphabet: string, bitsPerChar: number, length: number): string => {
    const mask = (1 << bitsPerChar) - 1;
    const perDraw = Math.floor(32 / bitsPerChar);
    let out = "";
    while (out.length < length) {
      let bits = (next() * 4294967296) | 0;
      for (let i = 0; i < perDraw && out.length < length; i++) {
        out += alphabet[bits & mask];
        bits >>>= bitsPerChar;
      }
    }
    return out;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error("pick() needs a non-empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    hex: (length) => fromBits(HEX, 4, length),
    upper: (length) => fromBits(UPPER, 5, length),
  };
}

/** Derive an independent seed for a sub-generator (account, region…) from a parent seed. */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ 0x2f, 0x01000193) >>> 0;
  }
  return h;
}

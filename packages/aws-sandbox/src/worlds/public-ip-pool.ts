/** Unique, AWS-looking public IPv4 addresses for one world. */
import type { TRng } from "./prng";

export interface TPublicIpPool {
  allocate(): string;
  has(ip: string): boolean;
}

const FIRST_OCTETS = [3, 18, 34, 35, 44, 52, 54];

export function createPublicIpPool(rng: TRng): TPublicIpPool {
  const used = new Set<string>();
  return {
    allocate() {
      for (;;) {
        const ip = `${rng.pick(FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
        if (!used.has(ip)) {
          used.add(ip);
          return ip;
        }
      }
    },
    has: (ip) => used.has(ip),
  };
}

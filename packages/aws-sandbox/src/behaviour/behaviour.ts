/**
 * world.behaviour at run time: token buckets per (account, service), injected faults
 * matched in order with a seeded PRNG, added latency.
 */
import { SIGNING_NAMES } from "../server/protocol-table";
import type { TWorldBehaviour, TWorldFault } from "../world/world.types";

/** Accepts a service key (`accessanalyzer`) or a signing name (`access-analyzer`). */
function normalizeService(name: string): string {
  return SIGNING_NAMES[name] ?? name;
}

/** mulberry32: a small deterministic PRNG (same seed, same sequence). */
export function createSeededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TBucket {
  tokens: number;
  updatedAt: number;
}

export interface TFaultMatch {
  account: string;
  region: string;
  service: string;
  operation: string;
}

export class BehaviourEngine {
  private readonly buckets = new Map<string, TBucket>();
  private readonly random: () => number;
  private readonly behaviour: TWorldBehaviour;

  constructor(
    behaviour: TWorldBehaviour,
    private readonly clock: () => number,
    seed: number,
  ) {
    this.random = createSeededRandom(seed);
    this.behaviour = {
      ...behaviour,
      ...(behaviour.throttle
        ? { throttle: Object.fromEntries(Object.entries(behaviour.throttle).map(([service, bucket]) => [normalizeService(service), bucket])) }
        : {}),
      ...(behaviour.faults
        ? { faults: behaviour.faults.map((fault) => (fault.service ? { ...fault, service: normalizeService(fault.service) } : fault)) }
        : {}),
    };
  }

  get latencyMs(): number {
    return this.behaviour.latencyMs ?? 0;
  }

  get pageSize(): number | undefined {
    return this.behaviour.pageSize;
  }

  /** Takes one token from the (account, service) bucket; false when it is empty. */
  takeToken(account: string, service: string): boolean {
    const config = this.behaviour.throttle?.[service];
    if (!config) return true;
    const key = `${account}\n${service}`;
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: config.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      const refill = ((now - bucket.updatedAt) / 1000) * config.refillPerSecond;
      bucket.tokens = Math.min(config.burst, bucket.tokens + refill);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** The first fault whose filters match and whose probability roll fires. */
  pickFault(request: TFaultMatch): TWorldFault | undefined {
    for (const fault of this.behaviour.faults ?? []) {
      if (fault.account !== undefined && fault.account !== request.account) continue;
      if (fault.region !== undefined && fault.region !== request.region) continue;
      if (fault.service !== undefined && fault.service !== request.service) continue;
      if (fault.operation !== undefined && fault.operation !== request.operation) continue;
      const probability = fault.probability ?? 1;
      if (probability >= 1 || this.random() < probability) return fault;
    }
    return undefined;
  }
}

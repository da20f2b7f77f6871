import { createJobQueues, type TJobQueues } from "@guardrail/jobs";
import { getEnv } from "@/env";
import { getRedis } from "./services";

const g = globalThis as unknown as { __guardrailQueues?: TJobQueues };

/** The BullMQ queues the web app enqueues into (the worker is reached only through them). */
export function getQueues(): TJobQueues {
  g.__guardrailQueues ??= createJobQueues({ connection: getRedis(), prefix: getEnv().QUEUE_PREFIX });
  return g.__guardrailQueues;
}

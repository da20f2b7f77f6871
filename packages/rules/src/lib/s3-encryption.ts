import type { TCollectedResource } from "@guardrail/collectors";
import { asRecord, asRecords, asString } from "./values";

export interface TBucketEncryption {
  algorithms: string[];
  kmsKeyIds: string[];
}

/** SSE algorithms of a bucket's default encryption rules (GetBucketEncryption). */
export function readBucketEncryption(bucket: TCollectedResource): TBucketEncryption {
  const rules = asRecords(asRecord(bucket.configuration.ServerSideEncryptionConfiguration)?.Rules);
  const algorithms: string[] = [];
  const kmsKeyIds: string[] = [];
  for (const rule of rules) {
    const d = asRecord(rule.ApplyServerSideEncryptionByDefault);
    const alg = asString(d?.SSEAlgorithm);
    if (alg) algorithms.push(alg);
    const key = asString(d?.KMSMasterKeyID);
    if (key) kmsKeyIds.push(key);
  }
  return { algorithms, kmsKeyIds };
}

export const KMS_REQUIRED_TAG_KEYS = ["data-classification", "dataclassification", "classification"];
export const KMS_REQUIRED_TAG_VALUES = ["confidential", "restricted", "sensitive", "secret", "pii", "pci", "phi"];

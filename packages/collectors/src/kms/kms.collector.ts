import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListResourceTagsCommand,
  paginateListKeys,
} from "@aws-sdk/client-kms";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromList } from "../core/plain";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapKmsKey } from "./kms.mapper";

export const kmsCollector = defineCollector({
  key: "kms",
  global: false,
  resourceTypes: [RESOURCE_TYPES.KmsKey],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("kms", { accountId, region });
    const send = { abortSignal: signal };
    const keys = await collectPages(
      "ListKeys",
      paginateListKeys({ client, pageSize: 1000 }, {}, send),
      (p) => p.Keys,
    );
    const errors: TCollectionError[] = [];
    const resources = await mapWithConcurrency(
      keys.filter((k) => k.KeyId),
      8,
      async (key) => {
        const keyId = key.KeyId as string;
        // A key policy can lock even SecurityAudit out of a key: every call is a sub-call.
        const calls = createSubCallRecorder(key.KeyArn ?? keyId, errors);
        const [described, rotation, policy, tags] = await Promise.all([
          calls.call("DescribeKey", () =>
            client.send(new DescribeKeyCommand({ KeyId: keyId }), send),
          ),
          calls.call(
            "GetKeyRotationStatus",
            () => client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), send),
            {
              // Asymmetric, HMAC and imported keys do not support rotation; keys pending deletion answer KMSInvalidStateException.
              nullOn: ["UnsupportedOperationException", "KMSInvalidStateException"],
            },
          ),
          calls.call("GetKeyPolicy", () =>
            client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }), send),
          ),
          // At most 50 tags per key: one page.
          calls.call("ListResourceTags", () =>
            client.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50 }), send),
          ),
        ]);
        const mapped = mapKmsKey(accountId, region, {
          KeyMetadata: described?.KeyMetadata ?? { KeyId: keyId, Arn: key.KeyArn },
          KeyRotationEnabled: rotation?.KeyRotationEnabled ?? null,
          Policy: policy?.Policy ?? null,
          collectionErrors: calls.errors,
        });
        return {
          ...mapped,
          tags: tagsFromList(tags?.Tags?.map((t) => ({ Key: t.TagKey, Value: t.TagValue }))),
        };
      },
    );
    return { resources, errors };
  },
});

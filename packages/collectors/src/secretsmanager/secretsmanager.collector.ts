import { GetResourcePolicyCommand, paginateListSecrets } from "@aws-sdk/client-secrets-manager";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapSecret } from "./secretsmanager.mapper";

/** Secrets and their resource policies. GetSecretValue is never called: Guardrail never reads a secret's value. */
export const secretsmanagerCollector = defineCollector({
  key: "secretsmanager",
  global: false,
  resourceTypes: [RESOURCE_TYPES.SecretsManagerSecret],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("secretsmanager", { accountId, region });
    const send = { abortSignal: signal };
    const secrets = await collectPages("ListSecrets", paginateListSecrets({ client, pageSize: 100 }, {}, send), (p) => p.SecretList);
    const errors: TCollectionError[] = [];
    const resources = await mapWithConcurrency(
      secrets.filter((s) => s.ARN),
      8,
      async (entry) => {
        const arn = entry.ARN as string;
        const calls = createSubCallRecorder(arn, errors);
        const policy = await calls.call("GetResourcePolicy", () => client.send(new GetResourcePolicyCommand({ SecretId: arn }), send));
        return mapSecret(accountId, region, entry, policy?.ResourcePolicy ?? null, calls.errors);
      },
    );
    return { resources, errors };
  },
});

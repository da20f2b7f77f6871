import { setTimeout as delay } from "node:timers/promises";
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccountAliases,
  paginateListMFADevices,
  paginateListVirtualMFADevices,
  type IAMClient,
  type MFADevice,
} from "@aws-sdk/client-iam";
import {
  collectPages,
  createSubCallRecorder,
  defineCollector,
  type TSubCallRecorder,
} from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { GLOBAL_REGION, RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { parseCredentialReport, type TCredentialReportRow } from "./credential-report";
import {
  findReportRow,
  mapIamAccountSettings,
  mapIamGroup,
  mapIamPolicies,
  mapIamRole,
  mapIamUser,
  mergeAuthorizationDetails,
} from "./iam.mapper";

/** Polling schedule of GenerateCredentialReport (ms); AWS usually finishes within seconds. */
const REPORT_POLL_DELAYS_MS = [100, 250, 500, 1000, 2000, 2000, 4000, 4000, 8000, 8000, 8000, 8000];

class CredentialReportNotReady extends Error {
  readonly Code = "CredentialReportNotReady";
  constructor() {
    super("the credential report was not COMPLETE after polling GenerateCredentialReport");
  }
}

async function fetchCredentialReport(
  client: IAMClient,
  signal: AbortSignal,
): Promise<{ rows: TCredentialReportRow[]; generatedTime: Date | null }> {
  const send = { abortSignal: signal };
  for (const wait of [0, ...REPORT_POLL_DELAYS_MS]) {
    if (wait > 0) await delay(wait, undefined, { signal });
    const generated = await client.send(new GenerateCredentialReportCommand({}), send);
    if (generated.State === "COMPLETE") {
      const report = await client.send(new GetCredentialReportCommand({}), send);
      const csv = report.Content ? Buffer.from(report.Content).toString("utf8") : "";
      return { rows: parseCredentialReport(csv), generatedTime: report.GeneratedTime ?? null };
    }
  }
  throw new CredentialReportNotReady();
}

async function listMfaDevices(
  client: IAMClient,
  userName: string,
  calls: TSubCallRecorder,
  signal: AbortSignal,
) {
  return calls.call("ListMFADevices", async () => {
    const devices: MFADevice[] = [];
    for await (const page of paginateListMFADevices(
      { client },
      { UserName: userName },
      { abortSignal: signal },
    )) {
      devices.push(...(page.MFADevices ?? []));
    }
    return devices;
  });
}

export const iamCollector = defineCollector({
  key: "iam",
  global: true,
  resourceTypes: [
    RESOURCE_TYPES.IamAccountSettings,
    RESOURCE_TYPES.IamUser,
    RESOURCE_TYPES.IamGroup,
    RESOURCE_TYPES.IamRole,
    RESOURCE_TYPES.IamPolicy,
  ],
  async collect({ clients, accountId, signal }) {
    const client = clients.get("iam", { accountId, region: GLOBAL_REGION });
    const send = { abortSignal: signal };
    const errors: TCollectionError[] = [];
    const accountCalls = createSubCallRecorder(`iam ${accountId}`, errors);

    const [pages, report, summary, passwordPolicy, aliases, virtualMfa] = await Promise.all([
      collectPages(
        "GetAccountAuthorizationDetails",
        paginateGetAccountAuthorizationDetails(
          { client, pageSize: 1000 },
          { Filter: ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] },
          send,
        ),
        (page) => [page],
      ),
      accountCalls.call("GetCredentialReport", () => fetchCredentialReport(client, signal)),
      accountCalls.call("GetAccountSummary", () =>
        client.send(new GetAccountSummaryCommand({}), send),
      ),
      accountCalls.call("GetAccountPasswordPolicy", () =>
        client.send(new GetAccountPasswordPolicyCommand({}), send),
      ),
      accountCalls.call("ListAccountAliases", async () => {
        const out: string[] = [];
        for await (const page of paginateListAccountAliases({ client }, {}, send))
          out.push(...(page.AccountAliases ?? []));
        return out;
      }),
      accountCalls.call("ListVirtualMFADevices", async () => {
        const out = [];
        for await (const page of paginateListVirtualMFADevices({ client }, {}, send))
          out.push(...(page.VirtualMFADevices ?? []));
        return out;
      }),
    ]);
    const details = mergeAuthorizationDetails(pages);

    const users = await mapWithConcurrency(details.UserDetailList, 4, async (user) => {
      const userCalls = createSubCallRecorder(user.Arn ?? user.UserName ?? "user", errors);
      const reportRow = report ? findReportRow(report.rows, user) : null;
      if (!report)
        userCalls.errors.GetCredentialReport = accountCalls.errors.GetCredentialReport ?? "Unknown";
      let mfaDevices: MFADevice[] | null = null;
      if (reportRow?.mfa_active === "true" && user.UserName) {
        mfaDevices = await listMfaDevices(client, user.UserName, userCalls, signal);
      } else if (reportRow) mfaDevices = [];
      return mapIamUser(accountId, user, {
        reportRow,
        mfaDevices,
        collectionErrors: userCalls.errors,
      });
    });

    const resources = [
      mapIamAccountSettings(accountId, {
        AccountSummary: (summary?.SummaryMap as Record<string, number> | undefined) ?? null,
        PasswordPolicy: passwordPolicy?.PasswordPolicy ?? null,
        AccountAliases: aliases,
        report: report?.rows ?? null,
        reportGeneratedTime: report?.generatedTime ?? null,
        VirtualMFADevices: virtualMfa,
        collectionErrors: accountCalls.errors,
      }),
      ...users,
      ...details.GroupDetailList.map((group) => mapIamGroup(accountId, group)),
      ...details.RoleDetailList.map((role) => mapIamRole(accountId, role)),
      ...mapIamPolicies(accountId, details.Policies),
    ];
    return { resources, errors };
  },
});

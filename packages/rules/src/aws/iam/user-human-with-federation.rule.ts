import { analyzeTrustPolicy } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../../context";
import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { credentialEvidence, isReportVerdict, readCredentialReport } from "../../lib/credential-report";
import { asString, isTrueCell } from "../../lib/values";

/** Roles assumable through SAML/OIDC federation or IAM Identity Center in an account (cached). */
export function listFederatedRoles(ctx: TRuleContext, accountId: string): string[] {
  return ctx.memo(`federated-roles:${accountId}`, () =>
    ctx
      .byType("AWS::IAM::Role", { accountId })
      .filter((role: TCollectedResource) => {
        if ((asString(role.configuration.Path) ?? "").startsWith("/aws-reserved/sso.amazonaws.com/")) return true;
        const doc = role.configuration.AssumeRolePolicyDocument;
        if (typeof doc !== "string" && (typeof doc !== "object" || doc === null)) return false;
        return analyzeTrustPolicy(doc as string, { accountId }).federated.length > 0;
      })
      .map((role) => role.resourceId),
  );
}

export const iamUserHumanWithFederationRule = defineRule({
  id: "aws.iam.user.human-with-federation",
  title: "No human IAM users where the account uses federation (informational)",
  description:
    "Informational: fails when a user has a console password (a human) while the account already has federated access (IAM Identity Center roles or roles trusting a SAML/OIDC provider).",
  rationale:
    "Once people sign in through an identity provider, leftover IAM users escape joiner/leaver processes and central MFA; they should be removed.",
  severity: "INFO",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User", "AWS::IAM::Role"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.21" },
  ],
  remediation: {
    console: [
      "Confirm the person has access through IAM Identity Center or the identity provider.",
      "IAM console → Users → select the user → Security credentials → Console sign-in → Disable; then delete the user.",
    ],
    cli: "aws iam delete-login-profile --user-name <user>\naws iam delete-user --user-name <user>",
    terraform: "# Remove the aws_iam_user / aws_iam_user_login_profile resources of people who sign in through federation.",
    cloudformation: "# Remove the AWS::IAM::User resources of people who sign in through federation.",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html",
    "https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html",
  ],
  evaluate(resource, ctx) {
    const report = readCredentialReport(resource, ctx);
    if (isReportVerdict(report)) return report;
    const evidence = credentialEvidence(report, ["password_enabled"]);
    if (!isTrueCell(report.password_enabled)) return notApplicable("User has no console password (not a human user)", evidence);
    const federatedRoles = listFederatedRoles(ctx, resource.accountId);
    if (federatedRoles.length === 0) {
      const missing = checkDataAvailable(resource, ctx, { complete: [{ service: "iam", region: "global" }] });
      if (missing) return missing;
      return pass("The account has no federated access", { ...evidence, federatedRoles });
    }
    return fail("Human IAM user in an account that uses federation", { ...evidence, federatedRoles: federatedRoles.slice(0, 5) });
  },
});

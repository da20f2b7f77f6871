import { analyzeResourcePolicyExposure } from "@guardrail/iam";
import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";

export const s3BucketPolicyPerimeterConditionRule = defineRule({
  id: "aws.s3.bucket.policy-perimeter-condition",
  title: "Bucket policies use an organization or account condition (data perimeter, informational)",
  description:
    "Informational data-perimeter coverage: fails when a bucket has no policy, or its policy has no statement conditioned on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:ResourceOrgID or similar organization/account keys. No CIS or FSBP control covers perimeters, hence no framework mapping.",
  rationale: "Identity and network perimeters are enforced per resource; buckets without one rely only on IAM getting every grant right.",
  severity: "INFO",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [],
  remediation: {
    console: ["Open the S3 console → the bucket → Permissions → Bucket policy → Edit; add a Deny for principals outside the organization (aws:PrincipalOrgID) that exempts AWS service principals (aws:PrincipalIsAWSService)."],
    cli: "aws s3api put-bucket-policy --bucket <bucket> --policy file://perimeter.json",
    terraform: 'data "aws_iam_policy_document" "perimeter" {\n  statement {\n    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringNotEqualsIfExists"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-exampleorgid"]\n    }\n    condition {\n      test     = "BoolIfExists"\n      variable = "aws:PrincipalIsAWSService"\n      values   = ["false"]\n    }\n  }\n}',
    cloudformation: "BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: 's3:*'\n          Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']\n          Condition:\n            StringNotEqualsIfExists:\n              aws:PrincipalOrgID: o-exampleorgid\n            BoolIfExists:\n              aws:PrincipalIsAWSService: 'false'",
  },
  references: ["https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html"],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketPolicy"] });
    if (missing) return missing;
    const policy = resource.configuration.Policy;
    if (typeof policy !== "string" || policy.trim() === "") {
      return fail("Bucket has no policy, so no data-perimeter condition", { Policy: null, hasOrganizationOrAccountCondition: false });
    }
    const exposure = analyzeResourcePolicyExposure(policy, { accountId: resource.accountId });
    if (exposure.parseError) return unable(`Bucket policy unreadable: ${exposure.parseError}`, { Policy: "unparseable" });
    const evidence = { Policy: "present", hasOrganizationOrAccountCondition: exposure.hasOrganizationOrAccountCondition };
    return exposure.hasOrganizationOrAccountCondition
      ? pass("Bucket policy has an organization or account condition", evidence)
      : fail("Bucket policy has no organization or account condition", evidence);
  },
});

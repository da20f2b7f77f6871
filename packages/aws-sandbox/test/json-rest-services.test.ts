import * as ORG from "@aws-sdk/client-organizations";
import * as CT from "@aws-sdk/client-cloudtrail";
import * as KMS from "@aws-sdk/client-kms";
import * as CFG from "@aws-sdk/client-config-service";
import * as SQS from "@aws-sdk/client-sqs";
import * as LAMBDA from "@aws-sdk/client-lambda";
import * as EKS from "@aws-sdk/client-eks";
import * as GD from "@aws-sdk/client-guardduty";
import * as AA from "@aws-sdk/client-accessanalyzer";
import * as R53 from "@aws-sdk/client-route-53";
import * as S3 from "@aws-sdk/client-s3";
import * as S3C from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixedEndpointProvider, type TSandbox } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, VENDOR_CREDENTIALS, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MANAGEMENT, MEMBER } from "./test-world";

const NOW = new Date("2026-03-01T12:00:00Z");
let sandbox: TSandbox;
let member: TCredentials;
let management: TCredentials;

beforeAll(async () => {
  sandbox = await startTestSandbox({ world: buildTestWorld(), now: NOW });
  member = await assumeScannerRole(sandbox, MEMBER);
  management = await assumeScannerRole(sandbox, MANAGEMENT);
});
afterAll(async () => {
  await sandbox.stop();
});

describe("Organizations (awsJson1_1)", () => {
  const org = (credentials = management) => new ORG.OrganizationsClient(clientConfig(sandbox, credentials));

  it("DescribeOrganization and ListRoots", async () => {
    const out = await org().send(new ORG.DescribeOrganizationCommand({}));
    expect(out.Organization).toMatchObject({ Id: "o-test000001", MasterAccountId: MANAGEMENT, MasterAccountEmail: "mgmt@example.com", FeatureSet: "ALL" });
    expect((await org().send(new ORG.ListRootsCommand({}))).Roots?.[0]).toMatchObject({ Id: "r-test", PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] });
  });

  it("walks the OU tree and accounts", async () => {
    const ous = await org().send(new ORG.ListOrganizationalUnitsForParentCommand({ ParentId: "r-test" }));
    expect(ous.OrganizationalUnits?.map((o) => o.Id)).toEqual(["ou-test-security", "ou-test-workload"]);
    const accounts = await org().send(new ORG.ListAccountsCommand({}));
    expect(accounts.Accounts?.map((a) => [a.Id, a.Status])).toEqual([[MANAGEMENT, "ACTIVE"], [MEMBER, "ACTIVE"], ["333333333333", "SUSPENDED"]]);
    expect(accounts.Accounts?.[1]?.JoinedTimestamp).toEqual(new Date(NOW.getTime() - 500 * 86_400_000));
    expect((await org().send(new ORG.ListAccountsForParentCommand({ ParentId: "ou-test-prod" }))).Accounts?.map((a) => a.Id)).toEqual([MEMBER]);
    expect((await org().send(new ORG.ListParentsCommand({ ChildId: MEMBER }))).Parents).toEqual([{ Id: "ou-test-prod", Type: "ORGANIZATIONAL_UNIT" }]);
    expect((await org().send(new ORG.ListParentsCommand({ ChildId: "ou-test-security" }))).Parents).toEqual([{ Id: "r-test", Type: "ROOT" }]);
    await expect(org().send(new ORG.ListOrganizationalUnitsForParentCommand({ ParentId: "ou-nope" }))).rejects.toBeInstanceOf(ORG.ParentNotFoundException);
    await expect(org().send(new ORG.ListParentsCommand({ ChildId: "444444444444" }))).rejects.toBeInstanceOf(ORG.ChildNotFoundException);
  });

  it("policies, targets and tags", async () => {
    const policies = await org().send(new ORG.ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }));
    expect(policies.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess", "p-denyleave"]);
    const policy = await org().send(new ORG.DescribePolicyCommand({ PolicyId: "p-denyleave" }));
    expect(JSON.parse(policy.Policy!.Content!).Statement[0].Effect).toBe("Deny");
    const targets = await org().send(new ORG.ListTargetsForPolicyCommand({ PolicyId: "p-denyleave" }));
    expect(targets.Targets).toEqual([{ TargetId: "ou-test-workload", Arn: expect.stringContaining("ou-test-workload"), Name: "Workloads", Type: "ORGANIZATIONAL_UNIT" }]);
    const forTarget = await org().send(new ORG.ListPoliciesForTargetCommand({ TargetId: "ou-test-workload", Filter: "SERVICE_CONTROL_POLICY" }));
    expect(forTarget.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess", "p-denyleave"]);
    expect((await org().send(new ORG.ListTagsForResourceCommand({ ResourceId: MEMBER }))).Tags).toEqual([{ Key: "env", Value: "prod" }, { Key: "bu", Value: "payments" }]);
    await expect(org().send(new ORG.DescribePolicyCommand({ PolicyId: "p-nope" }))).rejects.toBeInstanceOf(ORG.PolicyNotFoundException);
  });

  it("is only callable from the management account", async () => {
    await expect(org(member).send(new ORG.ListAccountsCommand({}))).rejects.toBeInstanceOf(ORG.AccessDeniedException);
    await expect(org(VENDOR_CREDENTIALS).send(new ORG.ListAccountsCommand({}))).rejects.toBeInstanceOf(ORG.AWSOrganizationsNotInUseException);
    expect((await org(member).send(new ORG.DescribeOrganizationCommand({}))).Organization?.Id).toBe("o-test000001");
  });
});

describe("CloudTrail, KMS, Config, SQS (awsJson)", () => {
  it("CloudTrail DescribeTrails (with shadow trails), GetTrailStatus, GetEventSelectors", async () => {
    const ct = new CT.CloudTrailClient(clientConfig(sandbox, member));
    const trails = await ct.send(new CT.DescribeTrailsCommand({}));
    expect(trails.trailList?.map((t) => [t.Name, t.HomeRegion])).toEqual([["local-trail", "us-east-1"]]);
    const mgmt = new CT.CloudTrailClient(clientConfig(sandbox, management, "eu-west-1"));
    const shadow = await mgmt.send(new CT.DescribeTrailsCommand({}));
    expect(shadow.trailList?.map((t) => [t.Name, t.HomeRegion, t.IsMultiRegionTrail])).toEqual([["org-trail", "us-east-1", true]]);
    const status = await mgmt.send(new CT.GetTrailStatusCommand({ Name: shadow.trailList![0]!.TrailARN! }));
    expect(status.IsLogging).toBe(true);
    expect(status.LatestDeliveryTime).toEqual(new Date(NOW.getTime() - 15 * 60_000));
    const selectors = await mgmt.send(new CT.GetEventSelectorsCommand({ TrailName: "org-trail" }));
    expect(selectors.EventSelectors?.[0]).toMatchObject({ ReadWriteType: "All", IncludeManagementEvents: true });
    const advanced = await ct.send(new CT.GetEventSelectorsCommand({ TrailName: "local-trail" }));
    expect(advanced.AdvancedEventSelectors?.[0]?.Name).toBe("mgmt");
    await expect(ct.send(new CT.GetTrailStatusCommand({ Name: "nope" }))).rejects.toBeInstanceOf(CT.TrailNotFoundException);
  });

  it("KMS ListKeys, DescribeKey, GetKeyRotationStatus, GetKeyPolicy", async () => {
    const kms = new KMS.KMSClient(clientConfig(sandbox, member));
    const keys = await kms.send(new KMS.ListKeysCommand({}));
    expect(keys.Keys?.map((k) => k.KeyId)).toEqual(["k1", "k2"]);
    expect(keys.Keys?.[1]?.KeyArn).toBe(`arn:aws:kms:us-east-1:${MEMBER}:key/k2`);
    const described = await kms.send(new KMS.DescribeKeyCommand({ KeyId: "k1" }));
    expect(described.KeyMetadata).toMatchObject({ KeyManager: "CUSTOMER", KeyState: "Enabled", AWSAccountId: MEMBER });
    expect(described.KeyMetadata?.CreationDate).toEqual(new Date(NOW.getTime() - 365 * 86_400_000));
    expect((await kms.send(new KMS.GetKeyRotationStatusCommand({ KeyId: "k1" }))).KeyRotationEnabled).toBe(false);
    expect(JSON.parse((await kms.send(new KMS.GetKeyPolicyCommand({ KeyId: "k1" }))).Policy!).Statement[0].Principal.AWS).toBe("*");
    expect((await kms.send(new KMS.GetKeyPolicyCommand({ KeyId: "k2" }))).Policy).toContain(`arn:aws:iam::${MEMBER}:root`);
    await expect(kms.send(new KMS.DescribeKeyCommand({ KeyId: "nope" }))).rejects.toBeInstanceOf(KMS.NotFoundException);
  });

  it("Config recorders and their status", async () => {
    const config = new CFG.ConfigServiceClient(clientConfig(sandbox, member));
    expect((await config.send(new CFG.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders?.[0]).toMatchObject({ name: "default", recordingGroup: { allSupported: true } });
    const status = await config.send(new CFG.DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus?.[0]).toMatchObject({ name: "default", recording: true, lastStatus: "SUCCESS" });
    expect(status.ConfigurationRecordersStatus?.[0]?.lastStartTime).toBeInstanceOf(Date);
    await expect(config.send(new CFG.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ["nope"] }))).rejects.toBeInstanceOf(CFG.NoSuchConfigurationRecorderException);
  });

  it("SQS ListQueues and GetQueueAttributes (JSON protocol)", async () => {
    const sqs = new SQS.SQSClient(clientConfig(sandbox, member));
    const queues = await sqs.send(new SQS.ListQueuesCommand({}));
    expect(queues.QueueUrls).toEqual([`https://sqs.us-east-1.amazonaws.com/${MEMBER}/orders`, `https://sqs.us-east-1.amazonaws.com/${MEMBER}/audit`]);
    const attributes = await sqs.send(new SQS.GetQueueAttributesCommand({ QueueUrl: queues.QueueUrls![0]!, AttributeNames: ["All"] }));
    expect(attributes.Attributes).toMatchObject({ SqsManagedSseEnabled: "false", QueueArn: `arn:aws:sqs:us-east-1:${MEMBER}:orders` });
    await expect(sqs.send(new SQS.GetQueueAttributesCommand({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/nope", AttributeNames: ["All"] }))).rejects.toBeInstanceOf(SQS.QueueDoesNotExist);
  });
});

describe("Lambda, EKS, GuardDuty, Access Analyzer (restJson1)", () => {
  it("Lambda ListFunctions and GetPolicy", async () => {
    const lambda = new LAMBDA.LambdaClient(clientConfig(sandbox, member));
    const functions = await lambda.send(new LAMBDA.ListFunctionsCommand({}));
    expect(functions.Functions?.map((f) => f.FunctionName)).toEqual(["public-fn", "private-fn"]);
    const policy = await lambda.send(new LAMBDA.GetPolicyCommand({ FunctionName: "public-fn" }));
    expect(JSON.parse(policy.Policy!).Statement[0].Principal).toBe("*");
    // an ARN in a path label: percent-encoded on the wire, double-encoded in the canonical request
    const byArn = await lambda.send(new LAMBDA.GetPolicyCommand({ FunctionName: `arn:aws:lambda:us-east-1:${MEMBER}:function:public-fn` }));
    expect(byArn.Policy).toBe(policy.Policy);
    const error = await lambda.send(new LAMBDA.GetPolicyCommand({ FunctionName: "private-fn" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LAMBDA.ResourceNotFoundException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it("EKS clusters and node groups", async () => {
    const eks = new EKS.EKSClient(clientConfig(sandbox, member));
    expect((await eks.send(new EKS.ListClustersCommand({}))).clusters).toEqual(["prod"]);
    const cluster = await eks.send(new EKS.DescribeClusterCommand({ name: "prod" }));
    expect(cluster.cluster).toMatchObject({ version: "1.29", resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } });
    expect(cluster.cluster?.createdAt).toEqual(new Date(NOW.getTime() - 60 * 86_400_000));
    expect((await eks.send(new EKS.ListNodegroupsCommand({ clusterName: "prod" }))).nodegroups).toEqual(["ng-1"]);
    expect((await eks.send(new EKS.DescribeNodegroupCommand({ clusterName: "prod", nodegroupName: "ng-1" }))).nodegroup?.scalingConfig).toEqual({ minSize: 1, maxSize: 3, desiredSize: 2 });
    await expect(eks.send(new EKS.DescribeClusterCommand({ name: "nope" }))).rejects.toBeInstanceOf(EKS.ResourceNotFoundException);
  });

  it("GuardDuty ListDetectors and GetDetector", async () => {
    const gd = new GD.GuardDutyClient(clientConfig(sandbox, member));
    expect((await gd.send(new GD.ListDetectorsCommand({}))).DetectorIds).toEqual(["det1"]);
    const detector = await gd.send(new GD.GetDetectorCommand({ DetectorId: "det1" }));
    expect(detector).toMatchObject({ Status: "ENABLED", FindingPublishingFrequency: "SIX_HOURS", Features: [{ Name: "S3_DATA_EVENTS", Status: "ENABLED" }] });
    await expect(gd.send(new GD.GetDetectorCommand({ DetectorId: "nope" }))).rejects.toBeInstanceOf(GD.BadRequestException);
    expect((await new GD.GuardDutyClient(clientConfig(sandbox, member, "eu-west-1")).send(new GD.ListDetectorsCommand({}))).DetectorIds).toEqual([]);
  });

  it("Access Analyzer ListAnalyzers", async () => {
    const aa = new AA.AccessAnalyzerClient(clientConfig(sandbox, member));
    expect((await aa.send(new AA.ListAnalyzersCommand({}))).analyzers?.[0]).toMatchObject({ name: "acct", type: "ACCOUNT", status: "ACTIVE" });
    expect((await aa.send(new AA.ListAnalyzersCommand({ type: "ORGANIZATION" }))).analyzers).toEqual([]);
  });
});

describe("S3, S3 Control, Route 53 (restXml)", () => {
  const s3 = () => new S3.S3Client({ ...clientConfig(sandbox, member), forcePathStyle: true });

  it("ListBuckets and GetBucketLocation", async () => {
    const out = await s3().send(new S3.ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([["public-site", "eu-west-1"], ["private-logs", "us-east-1"], ["bare-bucket", "us-east-1"]]);
    expect(out.Buckets?.[0]?.CreationDate).toEqual(new Date(NOW.getTime() - 100 * 86_400_000));
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect((await s3().send(new S3.GetBucketLocationCommand({ Bucket: "public-site" }))).LocationConstraint).toBe("eu-west-1");
    expect((await s3().send(new S3.GetBucketLocationCommand({ Bucket: "private-logs" }))).LocationConstraint).toBeFalsy();
  });

  it("GetBucketPolicy and GetBucketPolicyStatus (derived)", async () => {
    const policy = await s3().send(new S3.GetBucketPolicyCommand({ Bucket: "public-site" }));
    expect(JSON.parse(policy.Policy!).Statement[0].Principal).toBe("*");
    expect((await s3().send(new S3.GetBucketPolicyStatusCommand({ Bucket: "public-site" }))).PolicyStatus?.IsPublic).toBe(true);
    expect((await s3().send(new S3.GetBucketPolicyStatusCommand({ Bucket: "private-logs" }))).PolicyStatus?.IsPublic).toBe(false);
    await expect(s3().send(new S3.GetBucketPolicyCommand({ Bucket: "bare-bucket" }))).rejects.toMatchObject({ name: "NoSuchBucketPolicy", $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new S3.GetBucketPolicyCommand({ Bucket: "nobody-has-this" }))).rejects.toBeInstanceOf(S3.NoSuchBucket);
  });

  it("GetBucketAcl with group grantees", async () => {
    const acl = await s3().send(new S3.GetBucketAclCommand({ Bucket: "public-site" }));
    expect(acl.Grants).toEqual([{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }]);
    const own = await s3().send(new S3.GetBucketAclCommand({ Bucket: "bare-bucket" }));
    expect(own.Grants?.[0]).toMatchObject({ Permission: "FULL_CONTROL", Grantee: { Type: "CanonicalUser" } });
  });

  it("GetPublicAccessBlock, GetBucketEncryption, GetBucketVersioning, GetBucketLogging, lifecycle, tagging", async () => {
    expect((await s3().send(new S3.GetPublicAccessBlockCommand({ Bucket: "private-logs" }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const missing = await s3().send(new S3.GetPublicAccessBlockCommand({ Bucket: "public-site" })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "NoSuchPublicAccessBlockConfiguration", $metadata: { httpStatusCode: 404 } });
    const encryption = await s3().send(new S3.GetBucketEncryptionCommand({ Bucket: "private-logs" }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]).toMatchObject({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" }, BucketKeyEnabled: true });
    await expect(s3().send(new S3.GetBucketEncryptionCommand({ Bucket: "bare-bucket" }))).rejects.toMatchObject({ name: "ServerSideEncryptionConfigurationNotFoundError" });
    expect(await s3().send(new S3.GetBucketVersioningCommand({ Bucket: "public-site" }))).toMatchObject({ Status: "Suspended", MFADelete: "Disabled" });
    expect((await s3().send(new S3.GetBucketVersioningCommand({ Bucket: "bare-bucket" }))).Status).toBeUndefined();
    expect((await s3().send(new S3.GetBucketLoggingCommand({ Bucket: "private-logs" }))).LoggingEnabled).toEqual({ TargetBucket: "private-logs", TargetPrefix: "self/" });
    expect((await s3().send(new S3.GetBucketLoggingCommand({ Bucket: "bare-bucket" }))).LoggingEnabled).toBeUndefined();
    const lifecycle = await s3().send(new S3.GetBucketLifecycleConfigurationCommand({ Bucket: "private-logs" }));
    expect(lifecycle.Rules).toEqual([{ ID: "expire", Status: "Enabled", Filter: { Prefix: "tmp/" }, Expiration: { Days: 30 } }]);
    await expect(s3().send(new S3.GetBucketLifecycleConfigurationCommand({ Bucket: "bare-bucket" }))).rejects.toMatchObject({ name: "NoSuchLifecycleConfiguration" });
    expect((await s3().send(new S3.GetBucketTaggingCommand({ Bucket: "public-site" }))).TagSet).toEqual([{ Key: "env", Value: "prod" }]);
    await expect(s3().send(new S3.GetBucketTaggingCommand({ Bucket: "bare-bucket" }))).rejects.toMatchObject({ name: "NoSuchTagSet" });
  });

  it("refuses another account's bucket with AccessDenied", async () => {
    const other = new S3.S3Client({ ...clientConfig(sandbox, management), forcePathStyle: true });
    await expect(other.send(new S3.GetBucketPolicyCommand({ Bucket: "public-site" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
  });

  it("S3 Control GetPublicAccessBlock", async () => {
    const control = (credentials: TCredentials) => new S3C.S3ControlClient({ ...clientConfig(sandbox, credentials), endpointProvider: createFixedEndpointProvider(sandbox.url) });
    const out = await control(member).send(new S3C.GetPublicAccessBlockCommand({ AccountId: MEMBER }));
    expect(out.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    await expect(control(management).send(new S3C.GetPublicAccessBlockCommand({ AccountId: MANAGEMENT }))).rejects.toBeInstanceOf(S3C.NoSuchPublicAccessBlockConfiguration);
  });

  it("Route 53 ListHostedZones and ListResourceRecordSets", async () => {
    const r53 = new R53.Route53Client(clientConfig(sandbox, member));
    const zones = await r53.send(new R53.ListHostedZonesCommand({}));
    expect(zones.HostedZones?.map((z) => [z.Id, z.Name, z.Config?.PrivateZone])).toEqual([["/hostedzone/Z111", "example.com.", false], ["/hostedzone/Z222", "internal.", true]]);
    expect(zones.IsTruncated).toBe(false);
    const records = await r53.send(new R53.ListResourceRecordSetsCommand({ HostedZoneId: "/hostedzone/Z111" }));
    expect(records.ResourceRecordSets?.map((r) => [r.Name, r.Type])).toEqual([["example.com.", "NS"], ["example.com.", "SOA"], ["www.example.com.", "CNAME"]]);
    expect(records.ResourceRecordSets?.[2]?.ResourceRecords).toEqual([{ Value: "public-site.s3-website-eu-west-1.amazonaws.com" }]);
    await expect(r53.send(new R53.ListResourceRecordSetsCommand({ HostedZoneId: "ZNOPE" }))).rejects.toBeInstanceOf(R53.NoSuchHostedZone);
  });
});

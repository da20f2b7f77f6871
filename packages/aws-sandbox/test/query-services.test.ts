import * as IAM from "@aws-sdk/client-iam";
import * as EC2 from "@aws-sdk/client-ec2";
import * as SNS from "@aws-sdk/client-sns";
import * as RDS from "@aws-sdk/client-rds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSandbox } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MEMBER } from "./test-world";

const NOW = new Date("2026-03-01T12:00:00Z");
let sandbox: TSandbox;
let credentials: TCredentials;

beforeAll(async () => {
  sandbox = await startTestSandbox({ world: buildTestWorld(), now: NOW });
  credentials = await assumeScannerRole(sandbox, MEMBER);
});
afterAll(async () => {
  await sandbox.stop();
});

describe("IAM (awsQuery)", () => {
  const iam = () => new IAM.IAMClient(clientConfig(sandbox, credentials));

  it("GetAccountAuthorizationDetails returns every entity with URL-encoded documents", async () => {
    const out = await iam().send(new IAM.GetAccountAuthorizationDetailsCommand({}));
    expect(out.UserDetailList?.map((u) => u.UserName)).toEqual(["alice", "bob"]);
    expect(out.GroupDetailList?.[0]?.GroupName).toBe("admins");
    expect(out.RoleDetailList).toHaveLength(6);
    const role = out.RoleDetailList![0]!;
    expect(role.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Action).toBe("sts:AssumeRole");
    expect(role.RolePolicyList?.[0]?.PolicyDocument).toMatch(/^%7B/);
    expect(role.CreateDate).toEqual(new Date(NOW.getTime() - 400 * 86_400_000));
    expect(out.UserDetailList?.[0]?.UserPolicyList?.[0]?.PolicyDocument).toMatch(/^%7B/);
    expect(out.Policies?.[0]?.PolicyVersionList?.[0]?.Document).toMatch(/^%7B/);
    expect(out.IsTruncated).toBe(false);
  });

  it("GetAccountAuthorizationDetails honours Filter", async () => {
    const out = await iam().send(new IAM.GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    expect(out.UserDetailList).toEqual([]);
    expect(out.RoleDetailList).toHaveLength(6);
  });

  it("generates and returns the credential report as CSV with resolved dates", async () => {
    await expect(iam().send(new IAM.GetCredentialReportCommand({}))).rejects.toMatchObject({ name: "CredentialReportNotPresentException", $metadata: { httpStatusCode: 410 } });
    expect((await iam().send(new IAM.GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect((await iam().send(new IAM.GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const report = await iam().send(new IAM.GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe("text/csv");
    const lines = Buffer.from(report.Content!).toString("utf8").split("\n");
    expect(lines[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/);
    expect(lines).toHaveLength(3);
    const alice = lines[2]!.split(",");
    expect(alice[0]).toBe("alice");
    expect(alice[2]).toBe("2024-01-02T03:04:05+00:00");
    expect(alice[4]).toBe(new Date(NOW.getTime() - 36 * 3_600_000).toISOString().replace(".000Z", "+00:00"));
    expect(alice[13]).toBe("N/A");
  });

  it("GetAccountSummary, GetAccountPasswordPolicy, ListAccountAliases", async () => {
    expect((await iam().send(new IAM.GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({ Users: 2, Roles: 6, AccountMFAEnabled: 1 });
    expect((await iam().send(new IAM.GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90 });
    expect((await iam().send(new IAM.ListAccountAliasesCommand({}))).AccountAliases).toEqual(["prod-app"]);
  });

  it("answers NoSuchEntity for a missing password policy", async () => {
    const management = await assumeScannerRole(sandbox, "111111111111");
    const error = await new IAM.IAMClient(clientConfig(sandbox, management)).send(new IAM.GetAccountPasswordPolicyCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IAM.NoSuchEntityException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it("ListMFADevices and ListVirtualMFADevices", async () => {
    const devices = await iam().send(new IAM.ListMFADevicesCommand({ UserName: "alice" }));
    expect(devices.MFADevices?.[0]).toMatchObject({ UserName: "alice", SerialNumber: `arn:aws:iam::${MEMBER}:mfa/alice` });
    expect(devices.MFADevices?.[0]?.EnableDate).toBeInstanceOf(Date);
    expect((await iam().send(new IAM.ListMFADevicesCommand({ UserName: "bob" }))).MFADevices).toEqual([]);
    await expect(iam().send(new IAM.ListMFADevicesCommand({ UserName: "nobody" }))).rejects.toBeInstanceOf(IAM.NoSuchEntityException);
    expect((await iam().send(new IAM.ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toHaveLength(2);
    const assigned = await iam().send(new IAM.ListVirtualMFADevicesCommand({ AssignmentStatus: "Assigned" }));
    expect(assigned.VirtualMFADevices?.map((d) => d.User?.UserName)).toEqual(["alice"]);
  });
});

describe("EC2 (ec2Query)", () => {
  const ec2 = (region = "us-east-1") => new EC2.EC2Client(clientConfig(sandbox, credentials, region));

  it("DescribeRegions lists every region of the world", async () => {
    const out = await ec2().send(new EC2.DescribeRegionsCommand({}));
    expect(out.Regions?.map((r) => r.RegionName)).toEqual(["eu-west-1", "us-east-1"]);
    expect(out.Regions?.every((r) => r.OptInStatus === "opt-in-not-required")).toBe(true);
  });

  it("DescribeInstances returns reservations with nested instance fields", async () => {
    const out = await ec2().send(new EC2.DescribeInstancesCommand({}));
    const instances = out.Reservations!.flatMap((r) => r.Instances ?? []);
    expect(instances.map((i) => i.InstanceId)).toEqual(["i-0001", "i-0002", "i-0003"]);
    const web = instances[0]!;
    expect(web).toMatchObject({ PublicIpAddress: "203.0.113.10", State: { Name: "running", Code: 16 }, MetadataOptions: { HttpTokens: "optional" }, IamInstanceProfile: { Arn: `arn:aws:iam::${MEMBER}:instance-profile/web` } });
    expect(web.SecurityGroups).toEqual([{ GroupId: "sg-1", GroupName: "web" }]);
    expect(web.Tags).toEqual([{ Key: "Name", Value: "web-1" }]);
    expect(web.LaunchTime).toEqual(new Date(NOW.getTime() - 90 * 86_400_000));
    expect(out.Reservations?.[0]?.OwnerId).toBe(MEMBER);
  });

  it("DescribeInstances filters by id, state and tag, and reports unknown ids", async () => {
    const byState = await ec2().send(new EC2.DescribeInstancesCommand({ Filters: [{ Name: "instance-state-name", Values: ["running"] }] }));
    expect(byState.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(["i-0001", "i-0003"]);
    const byTag = await ec2().send(new EC2.DescribeInstancesCommand({ Filters: [{ Name: "tag:Name", Values: ["bat*"] }] }));
    expect(byTag.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(["i-0002"]);
    const byId = await ec2().send(new EC2.DescribeInstancesCommand({ InstanceIds: ["i-0003"] }));
    expect(byId.Reservations).toHaveLength(1);
    await expect(ec2().send(new EC2.DescribeInstancesCommand({ InstanceIds: ["i-nope"] }))).rejects.toMatchObject({ name: "InvalidInstanceID.NotFound", $metadata: { httpStatusCode: 400 } });
  });

  it("reads the request's region", async () => {
    const out = await ec2("eu-west-1").send(new EC2.DescribeInstancesCommand({}));
    expect(out.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(["i-eu01"]);
    expect((await ec2("eu-west-1").send(new EC2.GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(false);
    expect((await ec2("ap-south-1").send(new EC2.DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  });

  it("DescribeSecurityGroups with rules", async () => {
    const out = await ec2().send(new EC2.DescribeSecurityGroupsCommand({ GroupIds: ["sg-1"] }));
    expect(out.SecurityGroups?.[0]?.IpPermissions?.[0]).toMatchObject({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "ssh" }] });
    expect(out.SecurityGroups?.[0]?.IpPermissionsEgress?.[0]?.IpProtocol).toBe("-1");
    expect((await ec2().send(new EC2.DescribeSecurityGroupsCommand({}))).SecurityGroups).toHaveLength(2);
  });

  it("DescribeVpcs, DescribeSubnets, DescribeFlowLogs, DescribeVpcEndpoints", async () => {
    const vpcs = await ec2().send(new EC2.DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }));
    expect(vpcs.Vpcs?.map((v) => v.VpcId)).toEqual(["vpc-2"]);
    expect((await ec2().send(new EC2.DescribeSubnetsCommand({}))).Subnets?.[0]).toMatchObject({ SubnetId: "subnet-1", MapPublicIpOnLaunch: true });
    const flowLogs = await ec2().send(new EC2.DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: ["vpc-1"] }] }));
    expect(flowLogs.FlowLogs?.[0]).toMatchObject({ FlowLogId: "fl-1", TrafficType: "ALL" });
    const endpoints = await ec2().send(new EC2.DescribeVpcEndpointsCommand({}));
    expect(JSON.parse(endpoints.VpcEndpoints![0]!.PolicyDocument!).Statement[0].Principal).toBe("*");
  });

  it("DescribeVolumes, DescribeSnapshots, DescribeSnapshotAttribute", async () => {
    expect((await ec2().send(new EC2.DescribeVolumesCommand({}))).Volumes?.[0]).toMatchObject({ VolumeId: "vol-1", Encrypted: false, Size: 8, Attachments: [{ InstanceId: "i-0001" }] });
    const snapshots = await ec2().send(new EC2.DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
    expect(snapshots.Snapshots?.map((s) => s.SnapshotId)).toEqual(["snap-1", "snap-2"]);
    const attribute = await ec2().send(new EC2.DescribeSnapshotAttributeCommand({ SnapshotId: "snap-1", Attribute: "createVolumePermission" }));
    expect(attribute.CreateVolumePermissions).toEqual([{ Group: "all" }]);
    const privateSnapshot = await ec2().send(new EC2.DescribeSnapshotAttributeCommand({ SnapshotId: "snap-2", Attribute: "createVolumePermission" }));
    expect(privateSnapshot.CreateVolumePermissions).toEqual([]);
  });

  it("DescribeNetworkInterfaces, DescribeAddresses, GetInstanceMetadataDefaults, GetEbsEncryptionByDefault", async () => {
    expect((await ec2().send(new EC2.DescribeNetworkInterfacesCommand({}))).NetworkInterfaces?.[0]).toMatchObject({ NetworkInterfaceId: "eni-1", Association: { PublicIp: "203.0.113.10" }, Groups: [{ GroupId: "sg-1" }] });
    expect((await ec2().send(new EC2.DescribeAddressesCommand({}))).Addresses).toEqual([{ AllocationId: "eipalloc-1", PublicIp: "203.0.113.20", Domain: "vpc" }]);
    expect((await ec2().send(new EC2.GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toMatchObject({ HttpTokens: "required", HttpPutResponseHopLimit: 2 });
    expect((await ec2().send(new EC2.GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
  });
});

describe("SNS and RDS (awsQuery)", () => {
  it("ListTopics and GetTopicAttributes", async () => {
    const sns = new SNS.SNSClient(clientConfig(sandbox, credentials));
    expect((await sns.send(new SNS.ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn)).toEqual([`arn:aws:sns:us-east-1:${MEMBER}:alerts`, `arn:aws:sns:us-east-1:${MEMBER}:events`]);
    const attributes = await sns.send(new SNS.GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:us-east-1:${MEMBER}:alerts` }));
    expect(attributes.Attributes).toMatchObject({ KmsMasterKeyId: "alias/aws/sns", Owner: MEMBER });
    await expect(sns.send(new SNS.GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:us-east-1:${MEMBER}:nope` }))).rejects.toBeInstanceOf(SNS.NotFoundException);
  });

  it("DescribeDBInstances, DescribeDBSnapshots, DescribeDBSnapshotAttributes", async () => {
    const rds = new RDS.RDSClient(clientConfig(sandbox, credentials));
    const instances = await rds.send(new RDS.DescribeDBInstancesCommand({}));
    expect(instances.DBInstances?.map((i) => [i.DBInstanceIdentifier, i.PubliclyAccessible, i.StorageEncrypted])).toEqual([["db-1", true, false], ["db-2", false, true]]);
    expect(instances.DBInstances?.[0]?.VpcSecurityGroups).toEqual([{ VpcSecurityGroupId: "sg-1", Status: "active" }]);
    await expect(rds.send(new RDS.DescribeDBInstancesCommand({ DBInstanceIdentifier: "nope" }))).rejects.toBeInstanceOf(RDS.DBInstanceNotFoundFault);
    expect((await rds.send(new RDS.DescribeDBSnapshotsCommand({ SnapshotType: "manual" }))).DBSnapshots?.map((s) => s.DBSnapshotIdentifier)).toEqual(["snap-db-1"]);
    const attributes = await rds.send(new RDS.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "snap-db-1" }));
    expect(attributes.DBSnapshotAttributesResult?.DBSnapshotAttributes).toEqual([{ AttributeName: "restore", AttributeValues: ["all"] }]);
    await expect(rds.send(new RDS.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "nope" }))).rejects.toBeInstanceOf(RDS.DBSnapshotNotFoundFault);
  });
});

import { describe, expect, it } from "vitest";
import { mapEc2Listing, mapEc2RegionalSettings, type TEc2Listing } from "./ec2.mapper";

const empty: TEc2Listing = {
  reservations: [],
  securityGroups: [],
  vpcs: [],
  subnets: [],
  flowLogs: [],
  vpcEndpoints: [],
  volumes: [],
  snapshots: [],
  networkInterfaces: [],
  addresses: [],
};

describe("EC2 mapping", () => {
  it("gives every resource its documented ARN, type, name and tags", () => {
    const resources = mapEc2Listing(
      "333333333333",
      "eu-west-1",
      {
        ...empty,
        reservations: [
          {
            Instances: [
              {
                InstanceId: "i-1",
                LaunchTime: new Date("2024-01-01T00:00:00Z"),
                Tags: [{ Key: "Name", Value: "web" }],
              },
            ],
          },
        ],
        securityGroups: [{ GroupId: "sg-1", GroupName: "web-sg" }],
        vpcs: [{ VpcId: "vpc-1" }],
        subnets: [
          { SubnetId: "subnet-1" },
          { SubnetId: "subnet-2", SubnetArn: "arn:aws:ec2:eu-west-1:333333333333:subnet/subnet-2" },
        ],
        flowLogs: [{ FlowLogId: "fl-1" }],
        vpcEndpoints: [{ VpcEndpointId: "vpce-1", ServiceName: "com.amazonaws.eu-west-1.s3" }],
        volumes: [{ VolumeId: "vol-1", Encrypted: false }],
        snapshots: [{ SnapshotId: "snap-1" }],
        networkInterfaces: [
          { NetworkInterfaceId: "eni-1", TagSet: [{ Key: "Name", Value: "nic" }] },
        ],
        addresses: [{ AllocationId: "eipalloc-1", PublicIp: "203.0.113.1" }],
      },
      new Map([["snap-1", { permissions: [{ Group: "all" }], errors: {} }]]),
    );
    const byType = Object.fromEntries(
      resources.map((r) => [r.resourceType + ":" + r.resourceId, r]),
    );
    expect(Object.keys(byType).sort()).toEqual(
      [
        "AWS::EC2::Instance:arn:aws:ec2:eu-west-1:333333333333:instance/i-1",
        "AWS::EC2::SecurityGroup:arn:aws:ec2:eu-west-1:333333333333:security-group/sg-1",
        "AWS::EC2::VPC:arn:aws:ec2:eu-west-1:333333333333:vpc/vpc-1",
        "AWS::EC2::Subnet:arn:aws:ec2:eu-west-1:333333333333:subnet/subnet-1",
        "AWS::EC2::Subnet:arn:aws:ec2:eu-west-1:333333333333:subnet/subnet-2",
        "AWS::EC2::FlowLog:arn:aws:ec2:eu-west-1:333333333333:vpc-flow-log/fl-1",
        "AWS::EC2::VPCEndpoint:arn:aws:ec2:eu-west-1:333333333333:vpc-endpoint/vpce-1",
        "AWS::EC2::Volume:arn:aws:ec2:eu-west-1:333333333333:volume/vol-1",
        "AWS::EC2::Snapshot:arn:aws:ec2:eu-west-1::snapshot/snap-1",
        "AWS::EC2::NetworkInterface:arn:aws:ec2:eu-west-1:333333333333:network-interface/eni-1",
        "AWS::EC2::EIP:arn:aws:ec2:eu-west-1:333333333333:elastic-ip/eipalloc-1",
      ].sort(),
    );
    const instance = byType["AWS::EC2::Instance:arn:aws:ec2:eu-west-1:333333333333:instance/i-1"];
    expect(instance).toMatchObject({
      name: "web",
      tags: { Name: "web" },
      region: "eu-west-1",
      service: "ec2",
    });
    expect(instance?.configuration.LaunchTime).toBe("2024-01-01T00:00:00.000Z");
    expect(
      byType["AWS::EC2::SecurityGroup:arn:aws:ec2:eu-west-1:333333333333:security-group/sg-1"]
        ?.name,
    ).toBe("web-sg");
    expect(
      byType["AWS::EC2::Snapshot:arn:aws:ec2:eu-west-1::snapshot/snap-1"]?.configuration
        .CreateVolumePermissions,
    ).toEqual([{ Group: "all" }]);
    const eni =
      byType[
        "AWS::EC2::NetworkInterface:arn:aws:ec2:eu-west-1:333333333333:network-interface/eni-1"
      ];
    expect(eni?.name).toBe("nic");
    expect(eni?.configuration).toEqual({
      NetworkInterfaceId: "eni-1",
      TagSet: [{ Key: "Name", Value: "nic" }],
    });
  });

  it("marks a snapshot whose attribute call failed", () => {
    const [snapshot] = mapEc2Listing(
      "333333333333",
      "us-east-1",
      { ...empty, snapshots: [{ SnapshotId: "snap-2" }] },
      new Map([
        [
          "snap-2",
          { permissions: null, errors: { DescribeSnapshotAttribute: "UnauthorizedOperation" } },
        ],
      ]),
    );
    expect(snapshot?.configuration).toMatchObject({
      CreateVolumePermissions: null,
      CollectionErrors: { DescribeSnapshotAttribute: "UnauthorizedOperation" },
    });
  });

  it("builds the regional settings subject", () => {
    const settings = mapEc2RegionalSettings(
      "333333333333",
      "us-east-1",
      { EbsEncryptionByDefault: false, InstanceMetadataDefaults: { HttpTokens: "required" } },
      {},
    );
    expect(settings).toMatchObject({
      resourceType: "AWS::EC2::RegionalSettings",
      resourceId: "arn:aws:ec2:us-east-1:333333333333:regional-settings",
      configuration: {
        EbsEncryptionByDefault: false,
        InstanceMetadataDefaults: { HttpTokens: "required" },
      },
    });
  });
});

import {
  DescribeAddressesCommand,
  DescribeSnapshotAttributeCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type CreateVolumePermission,
} from "@aws-sdk/client-ec2";
import {
  callListing,
  collectPages,
  createSubCallRecorder,
  defineCollector,
} from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import type { TCollectionError } from "../resource-model";
import { RESOURCE_TYPES } from "../resource-model";
import { mapEc2Listing, mapEc2RegionalSettings } from "./ec2.mapper";

const PAGE = { pageSize: 1000 };

export const ec2Collector = defineCollector({
  key: "ec2",
  global: false,
  resourceTypes: [
    RESOURCE_TYPES.Ec2RegionalSettings,
    RESOURCE_TYPES.Ec2Instance,
    RESOURCE_TYPES.Ec2SecurityGroup,
    RESOURCE_TYPES.Ec2Vpc,
    RESOURCE_TYPES.Ec2Subnet,
    RESOURCE_TYPES.Ec2FlowLog,
    RESOURCE_TYPES.Ec2VpcEndpoint,
    RESOURCE_TYPES.Ec2Volume,
    RESOURCE_TYPES.Ec2Snapshot,
    RESOURCE_TYPES.Ec2NetworkInterface,
    RESOURCE_TYPES.Ec2Eip,
  ],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("ec2", { accountId, region });
    const send = { abortSignal: signal };
    const cfg = { client, ...PAGE };
    const [
      reservations,
      securityGroups,
      vpcs,
      subnets,
      flowLogs,
      vpcEndpoints,
      volumes,
      snapshots,
      networkInterfaces,
      addresses,
    ] = await Promise.all([
      collectPages(
        "DescribeInstances",
        paginateDescribeInstances(cfg, {}, send),
        (p) => p.Reservations,
      ),
      collectPages(
        "DescribeSecurityGroups",
        paginateDescribeSecurityGroups(cfg, {}, send),
        (p) => p.SecurityGroups,
      ),
      collectPages("DescribeVpcs", paginateDescribeVpcs(cfg, {}, send), (p) => p.Vpcs),
      collectPages("DescribeSubnets", paginateDescribeSubnets(cfg, {}, send), (p) => p.Subnets),
      collectPages("DescribeFlowLogs", paginateDescribeFlowLogs(cfg, {}, send), (p) => p.FlowLogs),
      collectPages(
        "DescribeVpcEndpoints",
        paginateDescribeVpcEndpoints(cfg, {}, send),
        (p) => p.VpcEndpoints,
      ),
      collectPages("DescribeVolumes", paginateDescribeVolumes(cfg, {}, send), (p) => p.Volumes),
      collectPages(
        "DescribeSnapshots",
        paginateDescribeSnapshots(cfg, { OwnerIds: ["self"] }, send),
        (p) => p.Snapshots,
      ),
      collectPages(
        "DescribeNetworkInterfaces",
        paginateDescribeNetworkInterfaces(cfg, {}, send),
        (p) => p.NetworkInterfaces,
      ),
      callListing(
        "DescribeAddresses",
        async () => (await client.send(new DescribeAddressesCommand({}), send)).Addresses ?? [],
      ),
    ]);

    const errors: TCollectionError[] = [];
    const settingsCalls = createSubCallRecorder(`ec2 ${accountId} ${region}`, errors);
    const [ebs, imds] = await Promise.all([
      settingsCalls.call("GetEbsEncryptionByDefault", () =>
        client.send(new GetEbsEncryptionByDefaultCommand({}), send),
      ),
      settingsCalls.call("GetInstanceMetadataDefaults", () =>
        client.send(new GetInstanceMetadataDefaultsCommand({}), send),
      ),
    ]);

    const snapshotPermissions = new Map<
      string,
      { permissions: CreateVolumePermission[] | null; errors: Record<string, string> }
    >();
    await mapWithConcurrency(snapshots, 8, async (snapshot) => {
      if (!snapshot.SnapshotId) return;
      const calls = createSubCallRecorder(snapshot.SnapshotId, errors);
      const out = await calls.call("DescribeSnapshotAttribute", () =>
        client.send(
          new DescribeSnapshotAttributeCommand({
            SnapshotId: snapshot.SnapshotId,
            Attribute: "createVolumePermission",
          }),
          send,
        ),
      );
      snapshotPermissions.set(snapshot.SnapshotId, {
        permissions: out ? (out.CreateVolumePermissions ?? []) : null,
        errors: calls.errors,
      });
    });

    const listing = {
      reservations,
      securityGroups,
      vpcs,
      subnets,
      flowLogs,
      vpcEndpoints,
      volumes,
      snapshots,
      networkInterfaces,
      addresses,
    };
    const resources = [
      mapEc2RegionalSettings(
        accountId,
        region,
        {
          EbsEncryptionByDefault: ebs?.EbsEncryptionByDefault ?? null,
          InstanceMetadataDefaults: imds?.AccountLevel ?? null,
        },
        settingsCalls.errors,
      ),
      ...mapEc2Listing(accountId, region, listing, snapshotPermissions),
    ];
    return { resources, errors };
  },
});

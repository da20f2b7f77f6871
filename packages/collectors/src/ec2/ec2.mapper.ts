import type {
  Address,
  InstanceMetadataDefaultsResponse,
  CreateVolumePermission,
  FlowLog,
  Instance,
  NetworkInterface,
  Reservation,
  SecurityGroup,
  Snapshot,
  Subnet,
  Volume,
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { nameFromTags, tagsFromList, toPlain } from "../core/plain";
import {
  RESOURCE_TYPES,
  syntheticResourceIds,
  type TCollectedResource,
  type TResourceType,
} from "../resource-model";

export interface TEc2Listing {
  reservations: Reservation[];
  securityGroups: SecurityGroup[];
  vpcs: Vpc[];
  subnets: Subnet[];
  flowLogs: FlowLog[];
  vpcEndpoints: VpcEndpoint[];
  volumes: Volume[];
  snapshots: Snapshot[];
  networkInterfaces: NetworkInterface[];
  addresses: Address[];
}

export interface TEc2RegionalSettings {
  EbsEncryptionByDefault: boolean | null;
  /** GetInstanceMetadataDefaults `AccountLevel`. */
  InstanceMetadataDefaults: InstanceMetadataDefaultsResponse | null;
}

interface TTagged {
  Tags?: Array<{ Key?: string | undefined; Value?: string | undefined }> | undefined;
}

function ec2Arn(region: string, accountId: string, kind: string, id: string): string {
  return `arn:aws:ec2:${region}:${accountId}:${kind}/${id}`;
}

function mapTagged(
  accountId: string,
  region: string,
  resourceType: TResourceType,
  resourceId: string,
  item: TTagged,
  name: string | null = null,
  extra: Record<string, unknown> = {},
): TCollectedResource {
  const tags = tagsFromList(item.Tags);
  return {
    accountId,
    region,
    service: "ec2",
    resourceType,
    resourceId,
    name: nameFromTags(tags) ?? name,
    tags,
    configuration: { ...toPlain(item), ...extra },
  };
}

/** Maps the EC2 listing calls of one (account, region) to resources. */
export function mapEc2Listing(
  accountId: string,
  region: string,
  listing: TEc2Listing,
  snapshotPermissions: ReadonlyMap<
    string,
    { permissions: CreateVolumePermission[] | null; errors: Record<string, string> }
  > = new Map(),
): TCollectedResource[] {
  const T = RESOURCE_TYPES;
  const out: TCollectedResource[] = [];
  for (const instance of listing.reservations.flatMap((r) => r.Instances ?? []) as Instance[]) {
    if (!instance.InstanceId) continue;
    out.push(
      mapTagged(
        accountId,
        region,
        T.Ec2Instance,
        ec2Arn(region, accountId, "instance", instance.InstanceId),
        instance,
      ),
    );
  }
  for (const group of listing.securityGroups) {
    if (!group.GroupId) continue;
    const arn =
      group.SecurityGroupArn ?? ec2Arn(region, accountId, "security-group", group.GroupId);
    out.push(mapTagged(accountId, region, T.Ec2SecurityGroup, arn, group, group.GroupName ?? null));
  }
  for (const vpc of listing.vpcs) {
    if (!vpc.VpcId) continue;
    out.push(
      mapTagged(accountId, region, T.Ec2Vpc, ec2Arn(region, accountId, "vpc", vpc.VpcId), vpc),
    );
  }
  for (const subnet of listing.subnets) {
    if (!subnet.SubnetId) continue;
    const arn = subnet.SubnetArn ?? ec2Arn(region, accountId, "subnet", subnet.SubnetId);
    out.push(mapTagged(accountId, region, T.Ec2Subnet, arn, subnet));
  }
  for (const flowLog of listing.flowLogs) {
    if (!flowLog.FlowLogId) continue;
    const arn = ec2Arn(region, accountId, "vpc-flow-log", flowLog.FlowLogId);
    out.push(mapTagged(accountId, region, T.Ec2FlowLog, arn, flowLog));
  }
  for (const endpoint of listing.vpcEndpoints) {
    if (!endpoint.VpcEndpointId) continue;
    const arn = ec2Arn(region, accountId, "vpc-endpoint", endpoint.VpcEndpointId);
    out.push(
      mapTagged(accountId, region, T.Ec2VpcEndpoint, arn, endpoint, endpoint.ServiceName ?? null),
    );
  }
  for (const volume of listing.volumes) {
    if (!volume.VolumeId) continue;
    out.push(
      mapTagged(
        accountId,
        region,
        T.Ec2Volume,
        ec2Arn(region, accountId, "volume", volume.VolumeId),
        volume,
      ),
    );
  }
  for (const snapshot of listing.snapshots) {
    if (!snapshot.SnapshotId) continue;
    const found = snapshotPermissions.get(snapshot.SnapshotId);
    const extra: Record<string, unknown> = {
      CreateVolumePermissions: found?.permissions ? found.permissions.map((p) => toPlain(p)) : null,
    };
    if (found && Object.keys(found.errors).length > 0) extra.CollectionErrors = { ...found.errors };
    const arn = `arn:aws:ec2:${region}::snapshot/${snapshot.SnapshotId}`;
    out.push(mapTagged(accountId, region, T.Ec2Snapshot, arn, snapshot, null, extra));
  }
  for (const eni of listing.networkInterfaces) {
    if (!eni.NetworkInterfaceId) continue;
    const arn = ec2Arn(region, accountId, "network-interface", eni.NetworkInterfaceId);
    out.push({
      ...mapTagged(accountId, region, T.Ec2NetworkInterface, arn, { Tags: eni.TagSet }),
      configuration: toPlain(eni),
    });
  }
  for (const address of listing.addresses) {
    const id = address.AllocationId ?? address.PublicIp;
    if (!id) continue;
    out.push(
      mapTagged(
        accountId,
        region,
        T.Ec2Eip,
        ec2Arn(region, accountId, "elastic-ip", id),
        address,
        address.PublicIp ?? null,
      ),
    );
  }
  return out;
}

export function mapEc2RegionalSettings(
  accountId: string,
  region: string,
  settings: TEc2RegionalSettings,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    EbsEncryptionByDefault: settings.EbsEncryptionByDefault,
    InstanceMetadataDefaults: settings.InstanceMetadataDefaults
      ? toPlain(settings.InstanceMetadataDefaults)
      : null,
  };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "ec2",
    resourceType: RESOURCE_TYPES.Ec2RegionalSettings,
    resourceId: syntheticResourceIds.ec2RegionalSettings(accountId, region),
    name: null,
    tags: {},
    configuration,
  };
}

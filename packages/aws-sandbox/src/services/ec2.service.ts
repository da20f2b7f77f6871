/** EC2 (regional): Describe* with id lists, Filters and NextToken pagination. */
import { SandboxError } from "../server/sandbox-error";
import {
  findByKey,
  getRegionBlock,
  matchWildcard,
  paginate,
  readFormList,
  readNumber,
  readString,
  requireString,
  type THandler,
  type TRequestContext,
} from "../server/request-context";
import type { TAwsObject, TWorldEc2 } from "../world/world.types";

interface TFilter {
  name: string;
  values: string[];
}

function readFilters(ctx: TRequestContext): TFilter[] {
  const filters: TFilter[] = [];
  for (let i = 1; ctx.input[`Filter.${i}.Name`] !== undefined; i++) {
    filters.push({ name: String(ctx.input[`Filter.${i}.Name`]), values: readFormList(ctx, `Filter.${i}.Value`) });
  }
  return filters;
}

const FILTER_FIELDS: Record<string, string> = {
  "instance-state-name": "State.Name",
  "instance-state-code": "State.Code",
  "group-id": "GroupId",
  "group-name": "GroupName",
  "iam-instance-profile.arn": "IamInstanceProfile.Arn",
  "metadata-options.http-tokens": "MetadataOptions.HttpTokens",
  "vpc-endpoint-type": "VpcEndpointType",
  "service-name": "ServiceName",
  "resource-id": "ResourceId",
  "owner-id": "OwnerId",
  "is-default": "IsDefault",
  "attachment.instance-id": "Attachments.InstanceId",
};

function toFieldPath(name: string): string {
  return (
    FILTER_FIELDS[name] ??
    name
      .split(".")
      .map((part) =>
        part
          .split("-")
          .map((word) => (word === "id" ? "Id" : word.charAt(0).toUpperCase() + word.slice(1)))
          .join(""),
      )
      .join(".")
  );
}

function readField(item: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [item];
  if (Array.isArray(item)) return item.flatMap((element) => readField(element, path));
  if (typeof item !== "object" || item === null) return [];
  return readField((item as TAwsObject)[path[0]!], path.slice(1));
}

function matchesFilter(item: TAwsObject, filter: TFilter): boolean {
  const tags = (item.Tags ?? []) as Array<{ Key: string; Value: string }>;
  if (filter.name.startsWith("tag:")) {
    const key = filter.name.slice(4);
    return tags.some((tag) => tag.Key === key && filter.values.some((v) => matchWildcard(v, tag.Value)));
  }
  if (filter.name === "tag-key") return tags.some((tag) => filter.values.some((v) => matchWildcard(v, tag.Key)));
  const actual = readField(item, toFieldPath(filter.name).split(".")).map((value) => String(value));
  return actual.some((value) => filter.values.some((pattern) => matchWildcard(pattern, value)));
}

interface TListSpec {
  list: keyof TWorldEc2;
  idField: string;
  idParam: string;
  notFound: string;
  kind: string;
}

function selectItems(ctx: TRequestContext, spec: TListSpec): TAwsObject[] {
  const all = (getRegionBlock(ctx).ec2?.[spec.list] ?? []) as TAwsObject[];
  const ids = readFormList(ctx, spec.idParam);
  let items = all;
  if (ids.length > 0) {
    const byId = new Map(all.map((item) => [String(item[spec.idField]), item] as const));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new SandboxError(spec.notFound, `The ${spec.kind} ID '${missing.join(", ")}' does not exist`);
    items = ids.map((id) => byId.get(id)!);
  }
  const filters = readFilters(ctx);
  return filters.length === 0 ? items : items.filter((item) => filters.every((filter) => matchesFilter(item, filter)));
}

function pageOf<T>(ctx: TRequestContext, items: T[]): { items: T[]; next: string | undefined } {
  return paginate(ctx, items, { token: readString(ctx, "NextToken"), max: readNumber(ctx, "MaxResults"), defaultMax: 1000, invalidTokenCode: "InvalidPaginationToken" });
}

function describe(spec: TListSpec, outputList: string): THandler {
  return (ctx) => {
    const page = pageOf(ctx, selectItems(ctx, spec));
    return { [outputList]: page.items, NextToken: page.next };
  };
}

function describeInstances(ctx: TRequestContext): Record<string, unknown> {
  const instances = selectItems(ctx, { list: "Instances", idField: "InstanceId", idParam: "InstanceId", notFound: "InvalidInstanceID.NotFound", kind: "instance" });
  const reservations: TAwsObject[] = [];
  const byReservation = new Map<string, TAwsObject[]>();
  for (const instance of instances) {
    const reservationId = typeof instance.ReservationId === "string" ? instance.ReservationId : `r-${String(instance.InstanceId).replace(/^i-/, "")}`;
    let members = byReservation.get(reservationId);
    if (!members) {
      members = [];
      byReservation.set(reservationId, members);
      reservations.push({ ReservationId: reservationId, OwnerId: ctx.accountId, Groups: [], Instances: members });
    }
    members.push(instance);
  }
  const page = pageOf(ctx, reservations);
  return { Reservations: page.items, NextToken: page.next };
}

function describeSnapshots(ctx: TRequestContext): Record<string, unknown> {
  const owners = readFormList(ctx, "Owner");
  if (owners.length > 0 && !owners.some((owner) => owner === "self" || owner === ctx.accountId)) return { Snapshots: [] };
  const snapshots = selectItems(ctx, { list: "Snapshots", idField: "SnapshotId", idParam: "SnapshotId", notFound: "InvalidSnapshot.NotFound", kind: "snapshot" });
  const page = pageOf(
    ctx,
    snapshots.map(({ CreateVolumePermissions: _permissions, ...snapshot }) => snapshot),
  );
  return { Snapshots: page.items, NextToken: page.next };
}

function describeSnapshotAttribute(ctx: TRequestContext): Record<string, unknown> {
  const snapshotId = requireString(ctx, "SnapshotId", "MissingParameter");
  const attribute = requireString(ctx, "Attribute", "MissingParameter");
  const snapshot = findByKey(getRegionBlock(ctx).ec2?.Snapshots ?? [], "id", (s) => [s.SnapshotId], snapshotId);
  if (!snapshot) throw new SandboxError("InvalidSnapshot.NotFound", `The snapshot '${snapshotId}' does not exist.`);
  if (attribute === "createVolumePermission") return { SnapshotId: snapshotId, CreateVolumePermissions: snapshot.CreateVolumePermissions ?? [] };
  if (attribute === "productCodes") return { SnapshotId: snapshotId, ProductCodes: snapshot.ProductCodes ?? [] };
  throw new SandboxError("InvalidParameterValue", `Value (${attribute}) for parameter attribute is invalid.`);
}

export const EC2_HANDLERS: Record<string, THandler> = {
  DescribeRegions(ctx) {
    const names = readFormList(ctx, "RegionName");
    const regions = ctx.state.loaded.regions.filter((name) => names.length === 0 || names.includes(name));
    return { Regions: regions.map((name) => ({ RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: "opt-in-not-required" })) };
  },
  DescribeInstances: describeInstances,
  DescribeSecurityGroups: describe({ list: "SecurityGroups", idField: "GroupId", idParam: "GroupId", notFound: "InvalidGroup.NotFound", kind: "security group" }, "SecurityGroups"),
  DescribeVpcs: describe({ list: "Vpcs", idField: "VpcId", idParam: "VpcId", notFound: "InvalidVpcID.NotFound", kind: "vpc" }, "Vpcs"),
  DescribeSubnets: describe({ list: "Subnets", idField: "SubnetId", idParam: "SubnetId", notFound: "InvalidSubnetID.NotFound", kind: "subnet" }, "Subnets"),
  DescribeFlowLogs: describe({ list: "FlowLogs", idField: "FlowLogId", idParam: "FlowLogId", notFound: "InvalidFlowLogId.NotFound", kind: "flow log" }, "FlowLogs"),
  DescribeVpcEndpoints: describe({ list: "VpcEndpoints", idField: "VpcEndpointId", idParam: "VpcEndpointId", notFound: "InvalidVpcEndpointId.NotFound", kind: "VPC endpoint" }, "VpcEndpoints"),
  DescribeVolumes: describe({ list: "Volumes", idField: "VolumeId", idParam: "VolumeId", notFound: "InvalidVolume.NotFound", kind: "volume" }, "Volumes"),
  DescribeSnapshots: describeSnapshots,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
  DescribeNetworkInterfaces: describe({ list: "NetworkInterfaces", idField: "NetworkInterfaceId", idParam: "NetworkInterfaceId", notFound: "InvalidNetworkInterfaceID.NotFound", kind: "network interface" }, "NetworkInterfaces"),
  DescribeAddresses(ctx) {
    const items = selectItems(ctx, { list: "Addresses", idField: "AllocationId", idParam: "AllocationId", notFound: "InvalidAllocationID.NotFound", kind: "allocation" });
    const publicIps = readFormList(ctx, "PublicIp");
    return { Addresses: publicIps.length === 0 ? items : items.filter((address) => publicIps.includes(String(address.PublicIp))) };
  },
  GetInstanceMetadataDefaults(ctx) {
    return { AccountLevel: getRegionBlock(ctx).ec2?.InstanceMetadataDefaults ?? {} };
  },
  GetEbsEncryptionByDefault(ctx) {
    return { EbsEncryptionByDefault: getRegionBlock(ctx).ec2?.EbsEncryptionByDefault ?? false, SseType: "sse-ebs" };
  },
};

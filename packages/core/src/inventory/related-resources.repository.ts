import { Prisma } from "@guardrail/db";
import type { TSqlExecutor } from "../findings/sql-executor";
import { SQL_RESOURCE_BU, sqlInventoryCtes } from "./inventory-query.sql";
import {
  extractResourceRefs,
  instanceProfileArn,
  roleInstanceProfileArns,
  securityGroupId,
  type TRelatedSubject,
  type TRelation,
} from "./related-resources";

export interface TRelatedResource {
  relation: TRelation;
  /** the ARN (or synthetic id) */
  resourceId: string;
  /** Resource.id when the related resource is in the inventory (and visible to the caller) */
  id: string | null;
  name: string | null;
  resourceType: string | null;
  accountId: string | null;
  region: string | null;
  deleted: boolean;
}

/** At most this many resources per relation (a security group can guard thousands). */
const PER_RELATION = 100;

/**
 * The resources related to `subject`: what its configuration points at (security groups,
 * subnet, VPC, volumes, roles, cluster, the account's S3 public access block) and what points
 * at it (instances using a security group, instances / functions / node groups running as a
 * role, node groups of a cluster). Tenant-scoped; for a BU_OWNER only resources of their
 * business units are resolved (others are listed by ARN only).
 */
export async function resolveRelatedResources(opts: {
  tx: TSqlExecutor;
  tenantId: string;
  subject: TRelatedSubject & { id: string };
  ownedBusinessUnits: string[] | null;
}): Promise<TRelatedResource[]> {
  const { tx, tenantId, subject: s } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const refs = extractResourceRefs(s);
  const parts: Prisma.Sql[] = [];
  const inAccount = (type: string) =>
    Prisma.sql`r."tenantId" = ${t} AND r."accountId" = ${s.accountId} AND r."resourceType" = ${type} AND r.id <> ${s.id}::uuid`;
  const part = (relation: TRelation, where: Prisma.Sql) =>
    parts.push(Prisma.sql`(SELECT ${relation}::text AS relation, r.id FROM "Resource" r WHERE ${where}
      ORDER BY r."resourceId" LIMIT ${PER_RELATION})`);

  if (refs.length > 0) {
    parts.push(Prisma.sql`(SELECT x.relation, r.id
      FROM unnest(${refs.map((r) => r.relation)}::text[], ${refs.map((r) => r.resourceId)}::text[]) AS x(relation, arn)
      JOIN "Resource" r ON r."tenantId" = ${t} AND r."resourceId" = x.arn)`);
  }
  const profile = instanceProfileArn(s);
  if (profile) {
    part(
      "instance profile role",
      Prisma.sql`${inAccount("AWS::IAM::Role")} AND r.configuration->'InstanceProfileList' @> jsonb_build_array(jsonb_build_object('Arn', ${profile}::text))`,
    );
  }
  const sg = securityGroupId(s);
  if (sg) {
    const inRegion = Prisma.sql`r.region = ${s.region}`;
    part(
      "used by instance",
      Prisma.sql`${inAccount("AWS::EC2::Instance")} AND ${inRegion} AND r.configuration->'SecurityGroups' @> jsonb_build_array(jsonb_build_object('GroupId', ${sg}::text))`,
    );
    part(
      "used by function",
      Prisma.sql`${inAccount("AWS::Lambda::Function")} AND ${inRegion} AND r.configuration->'VpcConfig'->'SecurityGroupIds' @> jsonb_build_array(${sg}::text)`,
    );
  }
  if (s.resourceType === "AWS::IAM::Role") {
    const profiles = roleInstanceProfileArns(s);
    if (profiles.length > 0) {
      part(
        "runs instance",
        Prisma.sql`${inAccount("AWS::EC2::Instance")} AND r.configuration->'IamInstanceProfile'->>'Arn' = ANY(${profiles}::text[])`,
      );
    }
    part(
      "runs function",
      Prisma.sql`${inAccount("AWS::Lambda::Function")} AND r.configuration->>'Role' = ${s.resourceId}`,
    );
    part(
      "runs node group",
      Prisma.sql`${inAccount("AWS::EKS::Nodegroup")} AND r.configuration->>'nodeRole' = ${s.resourceId}`,
    );
  }
  if (s.resourceType === "AWS::EKS::Cluster") {
    const name = s.resourceId.split("/").pop() ?? "";
    part(
      "node group",
      Prisma.sql`${inAccount("AWS::EKS::Nodegroup")} AND r.region = ${s.region} AND r.configuration->>'clusterName' = ${name}`,
    );
  }
  if (parts.length === 0) return [];

  const visible = opts.ownedBusinessUnits
    ? Prisma.sql`${SQL_RESOURCE_BU} = ANY(${opts.ownedBusinessUnits}::uuid[])`
    : Prisma.sql`true`;
  const rows = await tx.$queryRaw<
    {
      relation: TRelation;
      id: string;
      resourceId: string;
      name: string | null;
      resourceType: string;
      accountId: string;
      region: string;
      deleted: boolean;
    }[]
  >(Prisma.sql`${sqlInventoryCtes(tenantId)},
    rel AS (${Prisma.join(parts, " UNION ")})
    SELECT DISTINCT rel.relation, r.id::text AS id, r."resourceId", r.name, r."resourceType", r."accountId", r.region,
           (r."deletedAt" IS NOT NULL) AS deleted
      FROM rel JOIN "Resource" r ON r.id = rel.id AND r."tenantId" = ${t}
     WHERE ${visible}
     ORDER BY 1, r."resourceId"`);

  const found = new Set(rows.map((r) => `${r.relation}\u0000${r.resourceId}`));
  const missing: TRelatedResource[] = refs
    .filter((r) => !found.has(`${r.relation}\u0000${r.resourceId}`))
    .map((r) => ({
      relation: r.relation,
      resourceId: r.resourceId,
      id: null,
      name: null,
      resourceType: null,
      accountId: null,
      region: null,
      deleted: false,
    }));
  return [...rows, ...missing];
}

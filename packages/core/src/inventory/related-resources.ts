/**
 * Which resources a resource points at, read from its configuration (AWS's own field names,
 * docs/resource-model.md). Pure: the ARNs are built the way the collectors build them; the
 * repository (related-resources.repository.ts) resolves them and adds the reverse links.
 */

export type TRelation =
  | "security group"
  | "instance profile role"
  | "subnet"
  | "VPC"
  | "volume"
  | "attached to instance"
  | "execution role"
  | "node role"
  | "cluster role"
  | "cluster"
  | "account public access block"
  | "used by instance"
  | "used by function"
  | "used by node group"
  | "runs instance"
  | "runs function"
  | "runs node group"
  | "node group"
  | "network interface"
  | "task role"
  | "task definition"
  | "ECS service"
  | "KMS key";

export interface TResourceRef {
  relation: TRelation;
  /** the ARN (or synthetic id) the related resource would have in the inventory */
  resourceId: string;
}

export interface TRelatedSubject {
  resourceType: string;
  accountId: string;
  region: string;
  resourceId: string;
  configuration: unknown;
}

type TObj = Record<string, unknown>;

const obj = (v: unknown): TObj =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as TObj) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

const ec2Arn = (s: TRelatedSubject, kind: string, id: string) =>
  `arn:aws:ec2:${s.region}:${s.accountId}:${kind}/${id}`;

/** The outgoing references of a resource, deduplicated, in a stable order. */
export function extractResourceRefs(s: TRelatedSubject): TResourceRef[] {
  const c = obj(s.configuration);
  const refs: TResourceRef[] = [];
  const add = (relation: TRelation, resourceId: string | null) => {
    if (resourceId) refs.push({ relation, resourceId });
  };
  switch (s.resourceType) {
    case "AWS::EC2::Instance": {
      for (const g of arr(c.SecurityGroups)) {
        const id = str(obj(g).GroupId);
        if (id) add("security group", ec2Arn(s, "security-group", id));
      }
      const subnet = str(c.SubnetId);
      if (subnet) add("subnet", ec2Arn(s, "subnet", subnet));
      const vpc = str(c.VpcId);
      if (vpc) add("VPC", ec2Arn(s, "vpc", vpc));
      for (const m of arr(c.BlockDeviceMappings)) {
        const vol = str(obj(obj(m).Ebs).VolumeId);
        if (vol) add("volume", ec2Arn(s, "volume", vol));
      }
      for (const n of arr(c.NetworkInterfaces)) {
        const eni = str(obj(n).NetworkInterfaceId);
        if (eni) add("network interface", ec2Arn(s, "network-interface", eni));
      }
      break;
    }
    case "AWS::EC2::Volume":
      for (const a of arr(c.Attachments)) {
        const id = str(obj(a).InstanceId);
        if (id) add("attached to instance", ec2Arn(s, "instance", id));
      }
      break;
    case "AWS::EC2::SecurityGroup":
    case "AWS::EC2::Subnet": {
      const vpc = str(c.VpcId);
      if (vpc) add("VPC", ec2Arn(s, "vpc", vpc));
      break;
    }
    case "AWS::EC2::NetworkInterface": {
      for (const g of arr(c.Groups)) {
        const id = str(obj(g).GroupId);
        if (id) add("security group", ec2Arn(s, "security-group", id));
      }
      const subnet = str(c.SubnetId);
      if (subnet) add("subnet", ec2Arn(s, "subnet", subnet));
      const instance = str(obj(c.Attachment).InstanceId);
      if (instance) add("attached to instance", ec2Arn(s, "instance", instance));
      break;
    }
    case "AWS::S3::Bucket":
      add("account public access block", `arn:aws:s3:::account/${s.accountId}`);
      break;
    case "AWS::Lambda::Function": {
      add("execution role", str(c.Role));
      const vpc = obj(c.VpcConfig);
      for (const g of arr(vpc.SecurityGroupIds)) {
        const id = str(g);
        if (id) add("security group", ec2Arn(s, "security-group", id));
      }
      for (const n of arr(vpc.SubnetIds)) {
        const id = str(n);
        if (id) add("subnet", ec2Arn(s, "subnet", id));
      }
      const vpcId = str(vpc.VpcId);
      if (vpcId) add("VPC", ec2Arn(s, "vpc", vpcId));
      break;
    }
    case "AWS::EKS::Nodegroup": {
      add("node role", str(c.nodeRole));
      const cluster = str(c.clusterName);
      if (cluster) add("cluster", `arn:aws:eks:${s.region}:${s.accountId}:cluster/${cluster}`);
      for (const n of arr(c.subnets)) {
        const id = str(n);
        if (id) add("subnet", ec2Arn(s, "subnet", id));
      }
      break;
    }
    case "AWS::ECS::Task":
    case "AWS::ECS::Service":
    case "AWS::ECS::TaskDefinition": {
      add("task role", str(c.taskRoleArn));
      add("execution role", str(c.executionRoleArn));
      add("task definition", s.resourceType === "AWS::ECS::TaskDefinition" ? null : str(c.taskDefinitionArn) ?? str(c.taskDefinition));
      const clusterArn = str(c.clusterArn);
      add("cluster", clusterArn);
      const service = str(c.serviceName);
      if (s.resourceType === "AWS::ECS::Task" && clusterArn && service) {
        add("ECS service", `arn:aws:ecs:${s.region}:${s.accountId}:service/${clusterArn.slice(clusterArn.lastIndexOf("/") + 1)}/${service}`);
      }
      break;
    }
    case "AWS::SecretsManager::Secret": {
      const key = str(c.KmsKeyId);
      if (key && /^arn:aws[\w-]*:kms:[^:]+:\d{12}:key\//.test(key)) add("KMS key", key);
      break;
    }
    case "AWS::EKS::Cluster": {
      add("cluster role", str(c.roleArn));
      const vpc = obj(c.resourcesVpcConfig);
      for (const g of [...arr(vpc.securityGroupIds), vpc.clusterSecurityGroupId]) {
        const id = str(g);
        if (id) add("security group", ec2Arn(s, "security-group", id));
      }
      const vpcId = str(vpc.vpcId);
      if (vpcId) add("VPC", ec2Arn(s, "vpc", vpcId));
      break;
    }
  }
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.relation}\u0000${r.resourceId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The instance profile ARN an EC2 instance runs with (the role is found through it). */
export function instanceProfileArn(s: TRelatedSubject): string | null {
  if (s.resourceType !== "AWS::EC2::Instance") return null;
  return str(obj(obj(s.configuration).IamInstanceProfile).Arn);
}

/** The instance profile ARNs of an IAM role (`RoleDetail.InstanceProfileList`). */
export function roleInstanceProfileArns(s: TRelatedSubject): string[] {
  if (s.resourceType !== "AWS::IAM::Role") return [];
  return arr(obj(s.configuration).InstanceProfileList)
    .map((p) => str(obj(p).Arn))
    .filter((a): a is string => a !== null);
}

/** The id of an EC2 security group, from its configuration or its ARN. */
export function securityGroupId(s: TRelatedSubject): string | null {
  if (s.resourceType !== "AWS::EC2::SecurityGroup") return null;
  return str(obj(s.configuration).GroupId) ?? s.resourceId.split("/").pop() ?? null;
}

/** Principals and workloads have a blast radius (helper page `/blast-radius/<arn>`). */
export const BLAST_RADIUS_TYPES: readonly string[] = [
  "AWS::IAM::Role",
  "AWS::IAM::User",
  "AWS::IAM::Group",
  "AWS::EC2::Instance",
  "AWS::Lambda::Function",
  "AWS::EKS::Nodegroup",
  "AWS::EKS::Cluster",
  "AWS::ECS::Task",
];

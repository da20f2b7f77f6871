import { describe, expect, it } from "vitest";
import { extractResourceRefs } from "./related-resources";

const base = { accountId: "111111111111", region: "eu-west-1" };

describe("extractResourceRefs", () => {
  it("an ECS task points at its task and execution roles, task definition, cluster and service", () => {
    const cluster = "arn:aws:ecs:eu-west-1:111111111111:cluster/apps";
    expect(
      extractResourceRefs({
        ...base,
        resourceType: "AWS::ECS::Task",
        resourceId: "arn:aws:ecs:eu-west-1:111111111111:task/apps/abc",
        configuration: {
          taskRoleArn: "arn:aws:iam::111111111111:role/task",
          executionRoleArn: null,
          taskDefinitionArn: "arn:aws:ecs:eu-west-1:111111111111:task-definition/web:3",
          clusterArn: cluster,
          serviceName: "web",
        },
      }),
    ).toEqual([
      { relation: "task role", resourceId: "arn:aws:iam::111111111111:role/task" },
      { relation: "task definition", resourceId: "arn:aws:ecs:eu-west-1:111111111111:task-definition/web:3" },
      { relation: "cluster", resourceId: cluster },
      { relation: "ECS service", resourceId: "arn:aws:ecs:eu-west-1:111111111111:service/apps/web" },
    ]);
  });

  it("a secret points at its customer managed key (a key ARN, not an alias)", () => {
    const secret = (KmsKeyId: string | undefined) =>
      extractResourceRefs({ ...base, resourceType: "AWS::SecretsManager::Secret", resourceId: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:s-AbCdEf", configuration: { KmsKeyId } });
    expect(secret("arn:aws:kms:eu-west-1:111111111111:key/k1")).toEqual([{ relation: "KMS key", resourceId: "arn:aws:kms:eu-west-1:111111111111:key/k1" }]);
    expect(secret("alias/aws/secretsmanager")).toEqual([]);
    expect(secret(undefined)).toEqual([]);
  });

  it("an EKS node group points at its node role, cluster and subnets", () => {
    expect(
      extractResourceRefs({
        ...base,
        resourceType: "AWS::EKS::Nodegroup",
        resourceId: "arn:aws:eks:eu-west-1:111111111111:nodegroup/core/ng/1",
        configuration: {
          nodeRole: "arn:aws:iam::111111111111:role/node",
          clusterName: "core",
          subnets: ["subnet-1"],
        },
      }),
    ).toEqual([
      { relation: "node role", resourceId: "arn:aws:iam::111111111111:role/node" },
      { relation: "cluster", resourceId: "arn:aws:eks:eu-west-1:111111111111:cluster/core" },
      { relation: "subnet", resourceId: "arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-1" },
    ]);
  });

  it("a Lambda function points at its execution role and VPC security groups, deduplicated", () => {
    expect(
      extractResourceRefs({
        ...base,
        resourceType: "AWS::Lambda::Function",
        resourceId: "arn:aws:lambda:eu-west-1:111111111111:function:f",
        configuration: {
          Role: "arn:aws:iam::111111111111:role/f",
          VpcConfig: { SecurityGroupIds: ["sg-1", "sg-1"] },
        },
      }),
    ).toEqual([
      { relation: "execution role", resourceId: "arn:aws:iam::111111111111:role/f" },
      {
        relation: "security group",
        resourceId: "arn:aws:ec2:eu-west-1:111111111111:security-group/sg-1",
      },
    ]);
  });

  it("ignores malformed configuration instead of throwing", () => {
    expect(
      extractResourceRefs({
        ...base,
        resourceType: "AWS::EC2::Instance",
        resourceId: "x",
        configuration: { SecurityGroups: "nope", SubnetId: 5 },
      }),
    ).toEqual([]);
    expect(
      extractResourceRefs({
        ...base,
        resourceType: "AWS::SQS::Queue",
        resourceId: "x",
        configuration: null,
      }),
    ).toEqual([]);
  });
});

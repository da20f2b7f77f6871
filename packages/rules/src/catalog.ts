// The rule catalog: every rule module, imported explicitly (src/catalog.test.ts checks none is missing).

import { accessanalyzerRegionalAnalyzerEnabledRule } from "./aws/accessanalyzer/regional-analyzer-enabled.rule";
import { cloudtrailAccountMultiRegionTrailRule } from "./aws/cloudtrail/account-multi-region-trail.rule";
import { cloudtrailTrailKmsEncryptedRule } from "./aws/cloudtrail/trail-kms-encrypted.rule";
import { cloudtrailTrailLogFileValidationRule } from "./aws/cloudtrail/trail-log-file-validation.rule";
import { cloudtrailTrailLoggingRule } from "./aws/cloudtrail/trail-logging.rule";
import { configRegionalRecordingRule } from "./aws/config/regional-recording.rule";
import { ec2EipAttachedRule } from "./aws/ec2/eip-attached.rule";
import { ec2InstanceImdsv2RequiredRule } from "./aws/ec2/instance-imdsv2-required.rule";
import { ec2InstanceNoPublicIpRule } from "./aws/ec2/instance-no-public-ip.rule";
import { ec2InstancePublicImdsv1Rule } from "./aws/ec2/instance-public-imdsv1.rule";
import { ec2PublicInstanceRoleNoLateralMovementRule } from "./aws/ec2/instance-public-role-no-lateral-movement.rule";
import { ec2PublicInstanceRoleNoPrivilegeEscalationRule } from "./aws/ec2/instance-public-role-no-privilege-escalation.rule";
import { ec2PublicInstanceRoleNoReadAllS3Rule } from "./aws/ec2/instance-public-role-no-read-all-s3.rule";
import { ec2PublicInstanceRoleNotAdminRule } from "./aws/ec2/instance-public-role-not-admin.rule";
import { ec2InstanceRoleNoLateralMovementRule } from "./aws/ec2/instance-role-no-lateral-movement.rule";
import { ec2InstanceRoleNoPrivilegeEscalationRule } from "./aws/ec2/instance-role-no-privilege-escalation.rule";
import { ec2InstanceRoleNoReadAllS3Rule } from "./aws/ec2/instance-role-no-read-all-s3.rule";
import { ec2InstanceRoleNotAdminRule } from "./aws/ec2/instance-role-not-admin.rule";
import { ec2RegionalEbsDefaultEncryptionRule } from "./aws/ec2/regional-ebs-default-encryption.rule";
import { ec2RegionalImdsv2DefaultRule } from "./aws/ec2/regional-imdsv2-default.rule";
import { ec2SecurityGroupDefaultRestrictsAllRule } from "./aws/ec2/security-group-default-restricts-all.rule";
import { ec2SecurityGroupNoPublicAdminDbPortsRule } from "./aws/ec2/security-group-no-public-admin-db-ports.rule";
import { ec2SecurityGroupNoPublicAllPortsRule } from "./aws/ec2/security-group-no-public-all-ports.rule";
import { ec2SecurityGroupNoPublicRdpRule } from "./aws/ec2/security-group-no-public-rdp.rule";
import { ec2SecurityGroupNoPublicSshRule } from "./aws/ec2/security-group-no-public-ssh.rule";
import { ec2SnapshotNotPublicRule } from "./aws/ec2/snapshot-not-public.rule";
import { ec2SubnetS3GatewayEndpointRule } from "./aws/ec2/subnet-s3-gateway-endpoint.rule";
import { ec2VolumeEncryptedRule } from "./aws/ec2/volume-encrypted.rule";
import { ec2VpcEndpointRestrictedPolicyRule } from "./aws/ec2/vpc-endpoint-restricted-policy.rule";
import { ec2VpcFlowLogsEnabledRule } from "./aws/ec2/vpc-flow-logs-enabled.rule";
import { eksClusterAuditLoggingRule } from "./aws/eks/cluster-audit-logging.rule";
import { eksClusterEndpointNotPublicRule } from "./aws/eks/cluster-endpoint-not-public.rule";
import { eksClusterSecretsEncryptedRule } from "./aws/eks/cluster-secrets-encrypted.rule";
import { eksNodegroupRoleNoLateralMovementRule } from "./aws/eks/nodegroup-role-no-lateral-movement.rule";
import { eksNodegroupRoleNoPrivilegeEscalationRule } from "./aws/eks/nodegroup-role-no-privilege-escalation.rule";
import { eksNodegroupRoleNoReadAllS3Rule } from "./aws/eks/nodegroup-role-no-read-all-s3.rule";
import { eksNodegroupRoleNotAdminRule } from "./aws/eks/nodegroup-role-not-admin.rule";
import { guarddutyRegionalEnabledRule } from "./aws/guardduty/regional-enabled.rule";
import { iamAccountPasswordMinLengthRule } from "./aws/iam/account-password-min-length.rule";
import { iamAccountPasswordReusePreventionRule } from "./aws/iam/account-password-reuse-prevention.rule";
import { iamAccountSupportRoleRule } from "./aws/iam/account-support-role.rule";
import { iamPolicyNoFullAdminRule } from "./aws/iam/policy-no-full-admin.rule";
import { iamRoleThirdPartyExternalIdRule } from "./aws/iam/role-third-party-external-id.rule";
import { iamRoleThirdPartyPrivilegedRule } from "./aws/iam/role-third-party-privileged.rule";
import { iamRoleTrustNotPublicRule } from "./aws/iam/role-trust-not-public.rule";
import { iamRootHardwareMfaRule } from "./aws/iam/root-hardware-mfa.rule";
import { iamRootMfaEnabledRule } from "./aws/iam/root-mfa-enabled.rule";
import { iamRootNoAccessKeysRule } from "./aws/iam/root-no-access-keys.rule";
import { iamRootNotRecentlyUsedRule } from "./aws/iam/root-not-recently-used.rule";
import { iamUserAccessKeysRotatedRule } from "./aws/iam/user-access-keys-rotated.rule";
import { iamUserConsoleMfaRule } from "./aws/iam/user-console-mfa.rule";
import { iamUserCredentialsUnused45DaysRule } from "./aws/iam/user-credentials-unused-45-days.rule";
import { iamUserCredentialsUnused90DaysRule } from "./aws/iam/user-credentials-unused-90-days.rule";
import { iamUserHumanWithFederationRule } from "./aws/iam/user-human-with-federation.rule";
import { iamUserNoAttachedPoliciesRule } from "./aws/iam/user-no-attached-policies.rule";
import { iamUserOldUnusedAccessKeyRule } from "./aws/iam/user-old-unused-access-key.rule";
import { iamUserSingleActiveAccessKeyRule } from "./aws/iam/user-single-active-access-key.rule";
import { kmsKeyNotPendingDeletionRule } from "./aws/kms/key-not-pending-deletion.rule";
import { kmsKeyRotationEnabledRule } from "./aws/kms/key-rotation-enabled.rule";
import { lambdaFunctionNotPublicRule } from "./aws/lambda/function-not-public.rule";
import { lambdaFunctionRoleNoLateralMovementRule } from "./aws/lambda/function-role-no-lateral-movement.rule";
import { lambdaFunctionRoleNoPrivilegeEscalationRule } from "./aws/lambda/function-role-no-privilege-escalation.rule";
import { lambdaFunctionRoleNoReadAllS3Rule } from "./aws/lambda/function-role-no-read-all-s3.rule";
import { lambdaFunctionRoleNotAdminRule } from "./aws/lambda/function-role-not-admin.rule";
import { lambdaFunctionSupportedRuntimeRule } from "./aws/lambda/function-supported-runtime.rule";
import { organizationsAccountRcpS3PerimeterRule } from "./aws/organizations/account-rcp-s3-perimeter.rule";
import { organizationsAccountScpDenyLeaveOrganizationRule } from "./aws/organizations/account-scp-deny-leave-organization.rule";
import { organizationsAccountScpDenyRootUserRule } from "./aws/organizations/account-scp-deny-root-user.rule";
import { organizationsAccountScpDenyUnapprovedRegionsRule } from "./aws/organizations/account-scp-deny-unapproved-regions.rule";
import { organizationsAccountScpProtectSecurityServicesRule } from "./aws/organizations/account-scp-protect-security-services.rule";
import { organizationsManagementAccountNoWorkloadsRule } from "./aws/organizations/management-account-no-workloads.rule";
import { rdsInstanceAutoMinorUpgradeRule } from "./aws/rds/instance-auto-minor-upgrade.rule";
import { rdsInstanceBackupsEnabledRule } from "./aws/rds/instance-backups-enabled.rule";
import { rdsInstanceDeletionProtectionRule } from "./aws/rds/instance-deletion-protection.rule";
import { rdsInstanceEncryptedRule } from "./aws/rds/instance-encrypted.rule";
import { rdsInstanceNotPublicRule } from "./aws/rds/instance-not-public.rule";
import { rdsSnapshotNotPublicRule } from "./aws/rds/snapshot-not-public.rule";
import { route53HostedZoneNoDanglingRecordsRule } from "./aws/route53/hosted-zone-no-dangling-records.rule";
import { s3AccountPublicAccessBlockRule } from "./aws/s3/account-public-access-block.rule";
import { s3BucketAccessLoggingRule } from "./aws/s3/bucket-access-logging.rule";
import { s3BucketDefaultEncryptionRule } from "./aws/s3/bucket-default-encryption.rule";
import { s3BucketDenyInsecureTransportRule } from "./aws/s3/bucket-deny-insecure-transport.rule";
import { s3BucketKmsEncryptionRule } from "./aws/s3/bucket-kms-encryption.rule";
import { s3BucketLifecycleConfiguredRule } from "./aws/s3/bucket-lifecycle-configured.rule";
import { s3BucketNotPublicReadRule } from "./aws/s3/bucket-not-public-read.rule";
import { s3BucketNotPublicWriteRule } from "./aws/s3/bucket-not-public-write.rule";
import { s3BucketPolicyPerimeterConditionRule } from "./aws/s3/bucket-policy-perimeter-condition.rule";
import { s3BucketPublicAccessBlockRule } from "./aws/s3/bucket-public-access-block.rule";
import { s3BucketVersioningRule } from "./aws/s3/bucket-versioning.rule";
import { snsTopicEncryptedRule } from "./aws/sns/topic-encrypted.rule";
import { snsTopicNotPublicRule } from "./aws/sns/topic-not-public.rule";
import { ecsServiceTaskRoleNoLateralMovementRule } from "./aws/ecs/service-task-role-no-lateral-movement.rule";
import { ecsServiceTaskRoleNoPrivilegeEscalationRule } from "./aws/ecs/service-task-role-no-privilege-escalation.rule";
import { ecsServiceTaskRoleNoReadAllS3Rule } from "./aws/ecs/service-task-role-no-read-all-s3.rule";
import { ecsServiceTaskRoleNotAdminRule } from "./aws/ecs/service-task-role-not-admin.rule";
import { secretsmanagerSecretNotPublicRule } from "./aws/secretsmanager/secret-not-public.rule";
import { secretsmanagerSecretRotationEnabledRule } from "./aws/secretsmanager/secret-rotation-enabled.rule";
import { sqsQueueEncryptedRule } from "./aws/sqs/queue-encrypted.rule";
import { sqsQueueNotPublicRule } from "./aws/sqs/queue-not-public.rule";
import { ATTACK_PATH_RULES } from "./aws/attack-paths";
import type { TRuleDefinition } from "./rule";

export const RULE_CATALOG: readonly TRuleDefinition[] = Object.freeze([
  accessanalyzerRegionalAnalyzerEnabledRule,
  cloudtrailAccountMultiRegionTrailRule,
  cloudtrailTrailKmsEncryptedRule,
  cloudtrailTrailLogFileValidationRule,
  cloudtrailTrailLoggingRule,
  configRegionalRecordingRule,
  ec2EipAttachedRule,
  ec2InstanceImdsv2RequiredRule,
  ec2InstanceNoPublicIpRule,
  ec2InstancePublicImdsv1Rule,
  ec2PublicInstanceRoleNoLateralMovementRule,
  ec2PublicInstanceRoleNoPrivilegeEscalationRule,
  ec2PublicInstanceRoleNoReadAllS3Rule,
  ec2PublicInstanceRoleNotAdminRule,
  ec2InstanceRoleNoLateralMovementRule,
  ec2InstanceRoleNoPrivilegeEscalationRule,
  ec2InstanceRoleNoReadAllS3Rule,
  ec2InstanceRoleNotAdminRule,
  ec2RegionalEbsDefaultEncryptionRule,
  ec2RegionalImdsv2DefaultRule,
  ec2SecurityGroupDefaultRestrictsAllRule,
  ec2SecurityGroupNoPublicAdminDbPortsRule,
  ec2SecurityGroupNoPublicAllPortsRule,
  ec2SecurityGroupNoPublicRdpRule,
  ec2SecurityGroupNoPublicSshRule,
  ec2SnapshotNotPublicRule,
  ec2SubnetS3GatewayEndpointRule,
  ec2VolumeEncryptedRule,
  ec2VpcEndpointRestrictedPolicyRule,
  ec2VpcFlowLogsEnabledRule,
  eksClusterAuditLoggingRule,
  eksClusterEndpointNotPublicRule,
  eksClusterSecretsEncryptedRule,
  eksNodegroupRoleNoLateralMovementRule,
  eksNodegroupRoleNoPrivilegeEscalationRule,
  eksNodegroupRoleNoReadAllS3Rule,
  eksNodegroupRoleNotAdminRule,
  guarddutyRegionalEnabledRule,
  iamAccountPasswordMinLengthRule,
  iamAccountPasswordReusePreventionRule,
  iamAccountSupportRoleRule,
  iamPolicyNoFullAdminRule,
  iamRoleThirdPartyExternalIdRule,
  iamRoleThirdPartyPrivilegedRule,
  iamRoleTrustNotPublicRule,
  iamRootHardwareMfaRule,
  iamRootMfaEnabledRule,
  iamRootNoAccessKeysRule,
  iamRootNotRecentlyUsedRule,
  iamUserAccessKeysRotatedRule,
  iamUserConsoleMfaRule,
  iamUserCredentialsUnused45DaysRule,
  iamUserCredentialsUnused90DaysRule,
  iamUserHumanWithFederationRule,
  iamUserNoAttachedPoliciesRule,
  iamUserOldUnusedAccessKeyRule,
  iamUserSingleActiveAccessKeyRule,
  kmsKeyNotPendingDeletionRule,
  kmsKeyRotationEnabledRule,
  lambdaFunctionNotPublicRule,
  lambdaFunctionRoleNoLateralMovementRule,
  lambdaFunctionRoleNoPrivilegeEscalationRule,
  lambdaFunctionRoleNoReadAllS3Rule,
  lambdaFunctionRoleNotAdminRule,
  lambdaFunctionSupportedRuntimeRule,
  organizationsAccountRcpS3PerimeterRule,
  organizationsAccountScpDenyLeaveOrganizationRule,
  organizationsAccountScpDenyRootUserRule,
  organizationsAccountScpDenyUnapprovedRegionsRule,
  organizationsAccountScpProtectSecurityServicesRule,
  organizationsManagementAccountNoWorkloadsRule,
  rdsInstanceAutoMinorUpgradeRule,
  rdsInstanceBackupsEnabledRule,
  rdsInstanceDeletionProtectionRule,
  rdsInstanceEncryptedRule,
  rdsInstanceNotPublicRule,
  rdsSnapshotNotPublicRule,
  route53HostedZoneNoDanglingRecordsRule,
  s3AccountPublicAccessBlockRule,
  s3BucketAccessLoggingRule,
  s3BucketDefaultEncryptionRule,
  s3BucketDenyInsecureTransportRule,
  s3BucketKmsEncryptionRule,
  s3BucketLifecycleConfiguredRule,
  s3BucketNotPublicReadRule,
  s3BucketNotPublicWriteRule,
  s3BucketPolicyPerimeterConditionRule,
  s3BucketPublicAccessBlockRule,
  s3BucketVersioningRule,
  ecsServiceTaskRoleNoLateralMovementRule,
  ecsServiceTaskRoleNoPrivilegeEscalationRule,
  ecsServiceTaskRoleNoReadAllS3Rule,
  ecsServiceTaskRoleNotAdminRule,
  secretsmanagerSecretNotPublicRule,
  secretsmanagerSecretRotationEnabledRule,
  snsTopicEncryptedRule,
  snsTopicNotPublicRule,
  sqsQueueEncryptedRule,
  sqsQueueNotPublicRule,
  ...ATTACK_PATH_RULES,
]);

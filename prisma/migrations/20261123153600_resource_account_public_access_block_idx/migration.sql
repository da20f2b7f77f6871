-- The latest account-level S3 Block Public Access of each account (the organization page
-- coverage matrix): a small partial index, one descent per account instead of reading every
-- such row of the account. Written by hand (partial indexes are not expressible in the schema).
CREATE INDEX "Resource_account_public_access_block_idx" ON "Resource" ("tenantId", "accountId", "lastSeenAt" DESC)
  WHERE "resourceType" = 'AWS::S3::AccountPublicAccessBlock' AND "deletedAt" IS NULL;

-- The planner's estimate of "open findings of one business unit" (or of one owner) multiplies
-- the two selectivities. A unit whose findings are all resolved then looks like thousands of
-- open rows, and a capped count (LIMIT 10001) picks a sequential scan that reads the whole
-- table to find none. Multivariate MCV statistics give the real frequency of each pair.
CREATE STATISTICS IF NOT EXISTS "Finding_status_unit_stats" (mcv) ON "status", "businessUnitId" FROM "Finding";

CREATE STATISTICS IF NOT EXISTS "Finding_status_owner_stats" (mcv) ON "status", "ownerUserId" FROM "Finding";

/**
 * Options of the scan pipeline's interactive transactions (Prisma's defaults are 2 s to get a
 * connection and 5 s to finish). A worker shares one pool between its collections' persistence
 * (up to COLLECT_CONCURRENCY of them waiting for a connection) and the scan's control steps; on
 * a host starved of CPU each transaction holds its connection for seconds. Seen on a 500-account
 * scan at load ~11: `scan.start` waited more than 2 s for a connection (recording the access
 * checks, then creating its tasks on each retry), a 5-statement transaction took 8.6 s, all five
 * attempts failed and the planning task never finished. Slower is fine; failing is not.
 */
export const SCAN_TRANSACTION_OPTIONS = { maxWait: 120_000, timeout: 300_000 } as const;

/**
 * Runs once when the server starts: validate configuration and reach Postgres and Redis,
 * failing fast with a message that says how to fix it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./env");
  const { checkServices } = await import("./server/startup-checks");
  const env = getEnv();
  await checkServices(env);
}
